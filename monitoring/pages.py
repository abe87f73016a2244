"""What monitoring adds to pages of the lower apps (governance.pages)."""

from jaarprogramma.access import can_report

from . import selectors
from .access import can_read_progress_texts
from .models import LinkSource


def action_progress(request, action):
    """The action page: the updates of every part, newest first and a page at a time (they are
    kept, so this is the action's history too; their texts only for whom
    monitoring.access.can_read_progress_texts allows), where the text connects the action to
    other chapters, and for those who speak for a part the way to report. `action` may be the
    established copy: its pk is the live action's."""
    selectors.with_last_update(action.carriers.all())
    updates = selectors.update_history(action.pk, request.GET.get("pagina"))
    links = (LinkSource.objects.filter(action_id=action.pk)
             .select_related("link__opgave", "link__uitdaging", "chapter__edition").order_by("link", "section"))
    may_report = can_report(request.user, action)
    return {
        "progress_section": "monitoring/includes/action_page_progress.html",
        "updates": updates,
        "link_sources": list(links),
        "may_report": may_report,
        "show_texts": can_read_progress_texts(request.user, action, reports=may_report),
    }
