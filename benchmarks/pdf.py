"""The PDF export against WeasyPrint alone, and a re-export of unchanged data against the first.

- pdf_export_vs_weasyprint: a full export (load the live data, build the HTML, hash it,
  render, complete the tagging for PDF/UA (opgaven.pdf.accessible), store the file, record the
  job) over WeasyPrint rendering the same HTML into the same kind of file: PDF/A-2b, tagged, with
  the same output intent, and with the cycle collector paused as the export pauses it
  (governance.cycles). What is ours (data, HTML, hashes, the finisher, storage) is the excess.
- pdf_unchanged_check_vs_first: exporting again when nothing changed, over the first export:
  the fingerprint of the data and of every template, stylesheet and font (no rendering),
  the look-up of the stored file and the new job's row.
"""

import statistics

from weasyprint import HTML

from governance import cycles
from opgaven.models import Edition, ExportJob, ExportStatus
from opgaven.pdf import services
from opgaven.pdf.fetcher import BASE_URL, StaticOnlyFetcher
from opgaven.pdf.render import render_html, weasyprint_options

REPEAT = 3


def run(bench):
    edition = Edition.objects.get(slug="2021-2023")
    year = edition.start_year
    html = render_html("agenda", edition.pk, year)

    def weasyprint_alone():
        with cycles.paused():
            HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).write_pdf(**weasyprint_options())

    def first_export():
        ExportJob.objects.all().delete()
        job = services.start_export(user=None, edition=edition, year=year)
        job.refresh_from_db()
        if job.status != ExportStatus.DONE:
            raise RuntimeError(f"export mislukt: {job.error}")

    def re_export():
        job = services.start_export(user=None, edition=edition, year=year)
        if job.status != ExportStatus.DONE or job.attempts:
            raise RuntimeError("het opgeslagen bestand is niet hergebruikt")

    # Alternated, so that load from other processes hits both alike.
    weasyprint_alone()
    alone, exports = [], []
    for _ in range(REPEAT):
        alone.append(bench.median_seconds(weasyprint_alone, repeat=1, warmup=0))
        exports.append(bench.median_seconds(first_export, repeat=1, warmup=0))
    export = statistics.median(exports)
    yield "pdf_export_vs_weasyprint", export / statistics.median(alone), "ratio"
    again = bench.median_seconds(re_export, repeat=REPEAT * 3, warmup=1)
    yield "pdf_unchanged_check_vs_first", again / export, "ratio"
