"""Everything the portal holds about one person (AVG right of access), as JSON-ready data.

Found generically, so a new app's data shows up without a change here: every row of every
model that points at the person or their account, every history row of the person, every
version anyone's account saved while signed in as them, their sign-ins, sessions and
administration log, and the places where agenda text mentions their name or address.

The result is a list of sections, each a title, a one-line explanation and rows (dicts with
Dutch column names); the HTML page and the JSON download show the same sections.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from simple_history.models import HistoricalChanges

from governance.models import Erasure, Person, UserSession

from .erasure import MIN_MATCH_LENGTH, TEXT_FIELDS, historical_models

# Never shown, not even to the person: what would let someone sign in as them.
HIDDEN_FIELDS = {"password", "key_hash", "session_key", "session_data"}
ENCODER = DjangoJSONEncoder()


def _value(value):
    """A value JSON can hold: dates as ISO text, related objects and files by their name."""
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, models.Model):
        return str(value)
    try:
        return ENCODER.default(value)
    except TypeError:
        return str(value)


def _row(obj, *, skip=()):
    """A model instance as {verbose field name: value}, related objects by their name."""
    row = {}
    for model_field in obj._meta.concrete_fields:
        if model_field.name in HIDDEN_FIELDS or model_field.name in skip:
            continue
        if model_field.is_relation:
            value = getattr(obj, model_field.name, None)
        else:
            value = model_field.value_from_object(obj)
        row[str(model_field.verbose_name)] = _value(value)
    return row


def _section(title, explanation, rows):
    return {"titel": title, "uitleg": explanation, "rijen": rows}


def personal_data(person) -> dict:
    person = Person.objects.select_related("user").get(pk=person.pk)
    user = person.user
    sections = [
        _section("Persoon", "Zoals de deelnemerslijst en de beheerders u kennen.", [_person_row(person)]),
    ]
    if user is not None:
        sections.append(_section("Account", "Uw account in het portaal.", [_account_row(user)]))
    sections += _pointing_rows(person, user)
    sections.append(_section(
        "Geschiedenis van uw gegevens", "Elke eerdere versie van uw persoonsgegevens.",
        [_history_row(record) for record in person.history.order_by("history_date")]))
    if user is not None:
        sections.append(_section(
            "Wijzigingen die u maakte", "Elke versie van een onderdeel van de agenda of het portaal die u opsloeg.",
            _edits_by(user)))
        sections += _signin_sections(user)
        sections.append(_section(
            "Beheerlog", "Wat u in het beheer (/beheer/) wijzigde.",
            [{"tijd": _value(e.action_time), "object": e.object_repr, "soort": str(e.content_type or ""),
              "actie": e.get_action_flag_display()} for e in LogEntry.objects.filter(user=user)]))
    sections.append(_section(
        "Beheerlog over u", "Wijzigingen die beheerders aan uw gegevens deden.", _log_about(person, user)))
    sections.append(_section(
        "Vermeldingen in teksten",
        "Teksten waarin uw naam of e-mailadres voorkomt (alleen de plaats; de tekst zelf staat in het portaal).",
        _mentions(person, user)))
    return {
        "persoon": person.pk,
        "gemaakt_op": _value(timezone.now()),
        "geanonimiseerd": Erasure.objects.filter(person=person).exists(),
        "onderdelen": sections,
    }


def _person_row(person):
    row = _row(person, skip={"normalised_name"})
    row["organisaties"] = ", ".join(str(o) for o in person.organisations.all())
    return row


def _account_row(user):
    row = _row(user)
    row["groepen"] = ", ".join(g.name for g in user.groups.all())
    return row


def _pointing_rows(person, user):
    """Every row of every other model with a foreign key (or many-to-many) to them."""
    user_model = get_user_model()
    targets = {Person: person, user_model: user}
    skip_models = {Person, user_model, LogEntry, Erasure}
    sections = []
    for model in apps.get_models():
        if issubclass(model, HistoricalChanges) or model in skip_models:
            continue
        for model_field in model._meta.get_fields():
            if not model_field.concrete or not model_field.is_relation or model_field.related_model not in targets:
                continue
            target = targets[model_field.related_model]
            if target is None:
                continue
            rows = list(model._base_manager.filter(**{model_field.name: target}))
            if rows:
                sections.append(_section(
                    f"{model._meta.verbose_name_plural.capitalize()} ({model_field.verbose_name})",
                    f"Waar uw {'account' if model_field.related_model is user_model else 'persoon'} voorkomt "
                    f"als ‘{model_field.verbose_name}’.",
                    [_row(row) for row in rows]))
    return sections


def _history_row(record):
    row = _row(record, skip={"history_id", "normalised_name", "history_user"})
    row["organisaties"] = ", ".join(str(link.organisation) for link in record.organisations.all())
    return row


def _edits_by(user):
    rows = []
    for model in historical_models():
        if not any(f.name == "history_user" for f in model._meta.concrete_fields):
            continue  # the many-to-many history rows belong to a versioned row listed already
        for record in model.objects.filter(history_user=user).order_by("history_date"):
            rows.append({
                "soort": str(model.instance_type._meta.verbose_name),
                "object": str(getattr(record, "id", "")),
                "tijd": _value(record.history_date),
                "wijziging": record.get_history_type_display(),
                "reden": record.history_change_reason or "",
            })
    return sorted(rows, key=lambda r: r["tijd"])


def _signin_sections(user):
    names = {user.username, user.email} - {""}
    condition = Q()
    for name in names:
        condition |= Q(username__iexact=name)

    def rows(model, extra=()):
        return [{"tijd": _value(r.attempt_time), "adres": r.ip_address, "browser": r.user_agent,
                 **{label: _value(getattr(r, attr)) for label, attr in extra}}
                for r in model.objects.filter(condition)]

    sessions = [{"verloopt": _value(s.expire_date)} for s in UserSession.objects.filter(user_id=user.pk)]
    return [
        _section("Aanmeldingen", "Wanneer en vanaf welk adres u zich aanmeldde.",
                 rows(AccessLog, [("afgemeld", "logout_time")])),
        _section("Mislukte aanmeldingen", "Aanmeldingen met uw gebruikersnaam die mislukten.",
                 rows(AccessFailureLog)),
        _section("Aanmeldpogingen", "Tellers van de inlogbeveiliging.",
                 rows(AccessAttempt, [("mislukt", "failures_since_start")])),
        _section("Sessies", "Open sessies (ingelogde browsers).", sessions),
    ]


def _log_about(person, user):
    about = Q(content_type=ContentType.objects.get_for_model(Person), object_id=str(person.pk))
    if user is not None:
        about |= Q(content_type=ContentType.objects.get_for_model(get_user_model()), object_id=str(user.pk))
    return [{"tijd": _value(e.action_time), "door": str(e.user), "actie": e.get_action_flag_display(),
             "wijziging": _change_message(e)} for e in LogEntry.objects.filter(about)]


def _change_message(entry):
    try:
        return entry.get_change_message()
    except (KeyError, TypeError, ValueError):  # a message in a shape the admin did not write
        return entry.change_message


def _mentions(person, user):
    values = {person.name, person.email} | ({user.email, user.get_full_name()} if user else set())
    values = {v for v in values if v and len(v) >= MIN_MATCH_LENGTH}
    if not values:
        return []
    user_model = get_user_model()
    found = []
    for model in apps.get_models():
        if issubclass(model, HistoricalChanges) or model in (Person, user_model, LogEntry) \
                or model._meta.app_label == "axes":
            continue
        for model_field in model._meta.concrete_fields:
            if not isinstance(model_field, TEXT_FIELDS) or model_field.name in HIDDEN_FIELDS:
                continue
            condition = Q()
            for value in values:
                condition |= Q(**{f"{model_field.name}__icontains": value})
            for obj in model._base_manager.filter(condition)[:100]:
                found.append({"soort": str(model._meta.verbose_name), "object": str(obj)[:120],
                              "veld": str(model_field.verbose_name)})
    return found
