"""What monitoring tells people (through governance.notifications): a reporting period opens,
and, three days before it closes, the staff of organisations that have not reported yet."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from governance.models import Body, Organisation
from governance.notifications import kinds
from governance.notifications.services import absolute, notify_many
from monitoring import selectors
from monitoring.models import ReportingPeriod

PERIOD_OPENS = "rapportageperiode_open"
REPORT_REMINDER = "rapportage_herinnering"
REMIND_DAYS_BEFORE = 3


def register_kinds():
    kinds.register(PERIOD_OPENS, _("Een rapportageperiode begint"))
    kinds.register(REPORT_REMINDER, _("Uw organisatie moet nog rapporteren (drie dagen voor de sluiting)"))


def _staff(parties):
    """Who reports for these carriers: the staff of an organisation, for a collective carrier
    ("de bibliotheken") the staff of every organisation of its type, and the members of a body."""
    organisations = [party for party in parties if isinstance(party, Organisation)]
    bodies = [party for party in parties if isinstance(party, Body)]
    if not organisations and not bodies:
        return get_user_model().objects.none()
    condition = Q(person__organisations__in=[org.pk for org in organisations])
    collective_types = {org.type for org in organisations if org.collective}
    if collective_types:
        condition |= Q(person__organisations__type__in=collective_types)
    if bodies:
        condition |= Q(person__memberships__body__in=[body.pk for body in bodies])
    return get_user_model().objects.filter(condition, is_active=True).distinct().order_by("pk")


def _parties(period, today):
    """The carrying parties (PartyRows) with open parts in the current edition."""
    edition = selectors.current_edition()
    if edition is None:
        return []
    return [row for row in selectors.organisation_overview(edition, {}, period, today=today) if row.open_count > 0]


def _open_parts_text(row):
    """The parts still to report on, each with its action's own page: the reminder says what to do."""
    lines = [f"- {part.action}: {absolute(part.action.get_page_url())}" for part in row.missing_parts]
    return "\n".join([_("Nog te melden:"), *lines]) if lines else ""


def notify_reporting_periods(*, today=None):
    """Daily (Celery beat): periods that opened, and reminders for periods closing within three
    days. Each person hears of each once (the notification's key), however often this runs."""
    today = today or timezone.localdate()
    url = reverse("monitoring:my_actions")
    told = 0
    for period in ReportingPeriod.objects.filter(start__lte=today, end__gte=today):
        end = date_format(period.end, "j F Y")
        told += len(notify_many(
            _staff([row.subject for row in _parties(period, today)]), PERIOD_OPENS, key=f"periode-{period.pk}", url=url,
            subject=_("De rapportageperiode %(name)s is begonnen") % {"name": period.name},
            text=_("Meld tot en met %(end)s de voortgang van de acties die uw organisatie draagt.") % {"end": end},
        ))
        if period.end - today <= datetime.timedelta(days=REMIND_DAYS_BEFORE):
            # "Nog te rapporteren" is per part: a carrier with any open part not yet reported on.
            for row in _parties(period, today):
                if not row.has_to_report:
                    continue
                organisation = row.subject
                party = f"gremium-{organisation.pk}" if isinstance(organisation, Body) else organisation.pk
                told += len(notify_many(
                    _staff([organisation]), REPORT_REMINDER, key=f"herinnering-{period.pk}-{party}",
                    url=url,
                    subject=_("%(organisation)s heeft nog niet gerapporteerd over %(name)s") % {
                        "organisation": organisation.name, "name": period.name},
                    text="\n\n".join([
                        _("De rapportageperiode sluit op %(end)s. Meld de voortgang van uw acties bij Mijn acties.")
                        % {"end": end}, _open_parts_text(row)]),
                ))
    return told
