"""Signals the agenda sends, for the apps above it (see opgaven.publication).

`chapter_established(sender=Chapter, chapter=…, publication=…)` is sent inside the
transaction in which a version of a chapter becomes what the public reads. What is built
from the established copy plugs in here: the search index (zoeken) rebuilds the chapter's
entries, the public PDFs (opgaven.pdf.public) are rendered once the transaction commits.

`suggestion_made(sender=Suggestion, suggestion=…, item=…)` and
`suggestion_decided(sender=Suggestion, suggestion=…, reason=…)` are sent inside the transaction
in which a reader proposes new text and a writer accepts or declines it (opgaven.suggestions):
the feedback rounds file it as a remark of an open round and answer that remark."""

from django.dispatch import Signal

chapter_established = Signal()
suggestion_made = Signal()
suggestion_decided = Signal()

# PDF export jobs (opgaven.pdf.services), for the audit log: `export_requested(sender=ExportJob,
# job=…)` when someone asks for one (in its transaction; also when an earlier file serves it at
# once), `export_finished(sender=ExportJob, job=…)` when the worker stored its file or gave up.
export_requested = Signal()
export_finished = Signal()
