"""The reactienota stays with the decision that established the text the round was about
(feedback.services.link_decision): pages that show a decision show it (opgaven.signoff.annex_sources)."""

from django.urls import reverse
from django.utils.translation import gettext as _


def annexes(user, decisions):
    """{decision pk: [Annex]}: the reactienota of each round kept with these decisions, linked for
    whoever may read the round (those invited, the writers, the netwerkoverleg)."""
    from feedback import access
    from feedback.models import FeedbackRound
    from opgaven.signoff import Annex

    found = {}
    rounds = FeedbackRound.objects.filter(decision__in=[d.pk for d in decisions]).select_related("chapter")
    for round in rounds.order_by("closed_at"):
        url = reverse("feedback:reactienota", args=[round.pk]) if access.can_view(user, round) else None
        label = _("Reactienota van “%(title)s” (%(scope)s)") % {"title": round.title, "scope": round.scope_label}
        found.setdefault(round.decision_id, []).append(Annex(label, url))
    return found


def register():
    from opgaven import signoff

    if annexes not in signoff.annex_sources:
        signoff.annex_sources.append(annexes)
