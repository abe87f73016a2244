"""What feedback rounds tell people (governance.notifications): a round opens for you, it closes
in two days, your remark was answered. Also keeps a round's reactienota with the next decision."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from governance.notifications import kinds
from governance.notifications.services import notify, notify_many
from opgaven.notifications import COMMENT_ANSWERED

ROUND_OPENED = "ronde_geopend"
ROUND_CLOSING = "ronde_sluit"


def connect():
    from opgaven import signoff

    kinds.register(ROUND_OPENED, _("Een reactieronde opent voor u"))
    kinds.register(ROUND_CLOSING, _("Een reactieronde sluit over twee dagen"))
    signoff.step_taken.connect(_step_taken, dispatch_uid="feedback.notifications.step_taken")
    # Establishing a chapter asks how open remarks of its rounds were weighed, like open comments.
    if _open_remarks not in signoff.objection_sources:
        signoff.objection_sources.append(_open_remarks)


def _open_remarks(chapter):
    from feedback.models import Remark, Resolution

    return list(Remark.objects.filter(round__chapter=chapter, resolution=Resolution.OPEN).select_related("author"))


def _step_taken(sender, *, decision, **kwargs):
    from feedback.services import link_decision

    link_decision(decision=decision)


def _url(round):
    return reverse("feedback:round_detail", args=[round.pk])


def round_opened(round):
    from feedback.access import invited

    closes = date_format(round.closes_on, "j F Y")
    people = invited(round).exclude(pk=getattr(round.opened_by, "pk", None))
    return notify_many(
        people, ROUND_OPENED, key=f"ronde-{round.pk}", url=_url(round),
        subject=_("Reactieronde geopend: %(title)s") % {"title": round.title},
        text=_("U kunt tot en met %(date)s reageren op %(scope)s.") % {"date": closes, "scope": round.scope_label},
    )


def round_closing(round):
    from feedback.access import invited

    return notify_many(
        invited(round), ROUND_CLOSING, key=f"ronde-sluit-{round.pk}", url=_url(round),
        subject=_("Reactieronde sluit binnenkort: %(title)s") % {"title": round.title},
        text=_("De ronde sluit op %(date)s.") % {"date": date_format(round.closes_on, "j F Y")},
    )


def remark_answered(remark):
    if remark.author_id == remark.answered_by_id:
        return None
    return notify(
        remark.author, COMMENT_ANSWERED, url=_url(remark.round) + f"#reactie-{remark.pk}",
        subject=_("Uw reactie op %(item)s is beantwoord: %(resolution)s") % {
            "item": remark.item_label, "resolution": remark.get_resolution_display().lower()},
        text=remark.reply,
    )
