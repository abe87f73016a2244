"""Anonymise a person everywhere the portal keeps their name or e-mail address (AVG erasure).

governance.services.anonymise_person does the governance part (person, account, memberships,
organisations, the fingerprint that keeps imports from bringing them back). This module, which
knows every app, then scrubs what the other tables still hold:
- every history table (django-simple-history): the person's own history rows, any field whose
  whole value is their name or address, and change reasons that mention them;
- any other field that holds exactly their name or address (a copy some app keeps);
- the administration's log: entries about them, and names in its descriptions;
- their sign-in logs (django-axes), which are about nobody else;
- rows that belong to the account alone, which deleting the account would delete with it (a
  foreign key with on_delete=CASCADE: their notifications, preferences, API keys);
- stored PDF exports that list them: those of the editions whose participant list holds them,
  and the reactienota's of the rounds they remarked on, answered or wrote in (every remark's
  author is named): deleted and made again.
- what the apps above this package keep, through the scrubbers they register
  (`register_scrubber`): the audit log (audit.privacy) keeps the events but not the names.
What they wrote (comments, progress reports, edits) stays, attributed to ERASED_NAME: those
rows point at the account (PROTECT or SET_NULL: the agenda keeps them without the account),
which now carries that name.

Free text in the agenda that happens to mention someone is the agenda's own text and is not
rewritten; the inzage (netwerkagenda.privacy.inzage) lists where it occurs, so an
administrator can edit it through the normal editing pages.
"""

import re
from dataclasses import dataclass, field
from functools import partial

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from simple_history.models import HistoricalChanges

from governance import services
from governance.models import ERASED_NAME, Erasure, Person, normalise_name

from . import journal

# Shorter values are too likely to occur by chance in other people's data.
MIN_MATCH_LENGTH = 5
TEXT_FIELDS = (models.CharField, models.TextField)

# Callables (person, user_id, identity) → {model: rows changed}, run in the erasure's transaction
# after the scrubbing below; registered in an AppConfig.ready by apps this package does not import.
_scrubbers = []


def register_scrubber(scrub):
    if scrub not in _scrubbers:
        _scrubbers.append(scrub)


@dataclass
class ErasureReport:
    erasure: Erasure
    rows_scrubbed: dict = field(default_factory=dict)  # table → rows changed
    exports_removed: int = 0


@dataclass
class Identity:
    """The values that name a person: replaced wherever they are the whole value of a field,
    and (names and addresses only, not the username) where a log or reason mentions them."""

    names: set
    emails: set
    usernames: set

    @classmethod
    def of(cls, person):
        user = person.user
        names = {person.name, person.normalised_name}
        emails = {person.email}
        usernames = set()
        if user is not None:
            names |= {user.get_full_name(), f"{user.first_name} {user.last_name}".strip()}
            emails.add(user.email)
            usernames.add(user.username)

        def usable(values):
            return {v for v in values if v and len(v) >= MIN_MATCH_LENGTH and normalise_name(v) != ERASED_NAME}

        return cls(names=usable(names), emails=usable(emails), usernames={u for u in usernames if u})

    @property
    def values(self):
        return self.names | self.emails

    def pattern(self, values=None):
        values = self.values if values is None else values
        if not values:
            return None
        alternatives = sorted((re.escape(v) for v in values), key=len, reverse=True)
        return re.compile("|".join(alternatives), re.IGNORECASE)

    def replacement(self, value: str, model_field) -> str:
        """What a field whose whole value is one of ours becomes."""
        if isinstance(model_field, models.EmailField) or "@" in value:
            return ""
        return ERASED_NAME


def erase_person(*, person, by=None, record=True) -> ErasureReport:
    """Anonymise `person` (see the module's docstring); all of it in one transaction.

    `record`: append the erasure to the journal beside the backups (netwerkagenda.privacy.journal),
    so a restore of an older backup anonymises them again."""
    person = Person.objects.select_related("user").get(pk=person.pk)
    identity = Identity.of(person)
    user_id = person.user_id
    with transaction.atomic():
        already = Erasure.objects.filter(person=person).first()
        erasure = services.anonymise_person(person=person, by=by)
        person.refresh_from_db()
        report = ErasureReport(erasure=erasure)
        if already is not None and not identity.values:
            return report
        _scrub_history(person, identity, report)
        _scrub_exact_copies(identity, report)
        _scrub_admin_log(person, user_id, identity, report)
        _remove_signin_logs(identity, report)
        for scrub in _scrubbers:
            for model, n in scrub(person, user_id, identity).items():
                _count(report, model, n)
        if user_id is not None:
            _remove_rows_of_the_account(user_id, report)
        report.exports_removed = _drop_exports_listing(person, user_id)
        if record:
            transaction.on_commit(partial(journal.record, erasure.pk))
    return report


def _count(report, model, n):
    if n:
        report.rows_scrubbed[model._meta.db_table] = report.rows_scrubbed.get(model._meta.db_table, 0) + n


def _text_fields(model):
    return [f for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS) and not f.primary_key]


def historical_models():
    """The history tables of django-simple-history, the many-to-many ones included."""
    return [m for m in apps.get_models() if issubclass(m, HistoricalChanges)]


def _scrub_history(person, identity, report):
    tombstone = {"name": person.name, "normalised_name": person.normalised_name, "email": person.email}
    for model in historical_models():
        if getattr(model, "instance_type", None) is Person:
            # The person's own history rows: every version now reads as the tombstone.
            _count(report, model, model.objects.filter(id=person.pk).update(**tombstone))
        _replace_whole_values(model, identity, report, skip_unique=False)
        if any(f.name == "history_change_reason" for f in model._meta.concrete_fields):
            _replace_mentions(model, "history_change_reason", identity, report)


def _replace_whole_values(model, identity, report, *, skip_unique):
    for model_field in _text_fields(model):
        if skip_unique and model_field.unique:
            continue
        if model_field.name in ("history_type", "history_change_reason"):
            continue
        values = [v for v in identity.values if not model_field.max_length or len(v) <= model_field.max_length]
        condition = Q()
        for value in values:
            condition |= Q(**{f"{model_field.name}__iexact": value})
        if not values or not model._base_manager.filter(condition).exists():
            continue
        for value in values:
            replacement = identity.replacement(value, model_field)
            if not replacement and not model_field.blank:
                replacement = ERASED_NAME
            changed = model._base_manager.filter(**{f"{model_field.name}__iexact": value}).update(
                **{model_field.name: replacement})
            _count(report, model, changed)


def _replace_mentions(model, field_name, identity, report, *, rows=None, values=None):
    """Replace the mentions of `values` (default: names and addresses) in one text field."""
    values = identity.values if values is None else values
    pattern = identity.pattern(values)
    if pattern is None:
        return
    condition = Q()
    for value in values:
        condition |= Q(**{f"{field_name}__icontains": value})
    rows = model._base_manager.all() if rows is None else rows
    for pk, text in rows.filter(condition).values_list("pk", field_name):
        model._base_manager.filter(pk=pk).update(**{field_name: pattern.sub(ERASED_NAME, text)})
        _count(report, model, 1)


def _scrub_exact_copies(identity, report):
    """A field elsewhere that holds exactly their name or address is a copy of theirs."""
    user_model = get_user_model()
    for model in apps.get_models():
        if issubclass(model, HistoricalChanges) or model in (Person, user_model, LogEntry) \
                or model._meta.app_label == "axes":
            continue
        _replace_whole_values(model, identity, report, skip_unique=True)


def _scrub_admin_log(person, user_id, identity, report):
    user_model = get_user_model()
    about = Q(content_type=ContentType.objects.get_for_model(Person), object_id=str(person.pk))
    if user_id is not None:
        about |= Q(content_type=ContentType.objects.get_for_model(user_model), object_id=str(user_id))
    _count(report, LogEntry, LogEntry.objects.filter(about).update(object_repr=ERASED_NAME))
    # Entries about their own records may name their username too.
    _replace_mentions(LogEntry, "change_message", identity, report, rows=LogEntry.objects.filter(about),
                      values=identity.values | identity.usernames)
    _replace_mentions(LogEntry, "object_repr", identity, report)
    _replace_mentions(LogEntry, "change_message", identity, report)


def _remove_signin_logs(identity, report):
    names = identity.usernames | identity.emails
    if not names:
        return
    condition = Q()
    for name in names:
        condition |= Q(username__iexact=name)
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        _count(report, model, model.objects.filter(condition).delete()[0])


def _remove_rows_of_the_account(user_id, report):
    """Delete what would go with the account: rows whose foreign key to it cascades."""
    user_model = get_user_model()
    for model in apps.get_models():
        if issubclass(model, HistoricalChanges) or model is LogEntry:
            continue  # the history's and the admin log's own rules apply (above)
        for model_field in model._meta.concrete_fields:
            if (model_field.many_to_one and model_field.related_model is user_model
                    and model_field.remote_field.on_delete is models.CASCADE):
                _count(report, model, model._base_manager.filter(**{model_field.name: user_id}).delete()[0])


def _drop_exports_listing(person, user_id) -> int:
    """Stored PDFs that name the person: those of the editions they took part in (the
    participant list) and the reactienota's of the closed rounds they took part in. Delete the
    files after the commit and make the newest of each again (it now reads ERASED_NAME).
    Returns the number of files."""
    from opgaven.models import ExportJob, ExportStatus

    naming = Q(edition__participants=person)
    if user_id is not None:
        naming |= _reactienotas_naming(user_id)
    jobs = ExportJob.objects.exclude(file="").filter(naming)
    names = set(jobs.values_list("file", flat=True))
    if not names:
        return 0
    affected = ExportJob.objects.filter(file__in=names)
    newest = {}
    for job in affected.filter(status=ExportStatus.DONE).order_by("finished_at", "pk"):
        newest[(job.kind, job.edition_id, job.year, job.chapter_id)] = job
    affected.update(file="", content_hash="")
    transaction.on_commit(partial(_delete_files_and_regenerate, sorted(names), list(newest)))
    return len(names)


def _reactienotas_naming(user_id) -> Q:
    """The reactienota exports (feedback.pdf: one per edition, chapter and year of closing) of the
    closed rounds where the account remarked, answered a remark or wrote in a remark's thread."""
    from feedback.models import FeedbackRound
    from feedback.pdf import KIND

    rounds = (FeedbackRound.objects.filter(closed_at__isnull=False)
              .filter(Q(remarks__author_id=user_id) | Q(remarks__answered_by_id=user_id)
                      | Q(remarks__messages__author_id=user_id))
              .values_list("edition_id", "chapter_id", "closed_at").distinct())
    naming = Q(pk__in=[])
    for edition_id, chapter_id, closed_at in rounds:
        # The year as the reactienota's page asks for it (feedback.views.reactienota_pdf).
        naming |= Q(kind=KIND, edition_id=edition_id, chapter_id=chapter_id, year=closed_at.year)
    return naming


def _delete_files_and_regenerate(names, keys):
    from django.core.files.storage import default_storage

    from opgaven.models import Chapter, Edition
    from opgaven.pdf.services import start_export

    for name in names:
        default_storage.delete(name)
    for kind, edition_id, year, chapter_id in keys:
        edition = Edition.objects.filter(pk=edition_id).first()
        chapter = Chapter.objects.filter(pk=chapter_id).first() if chapter_id else None
        if edition is not None:
            start_export(user=None, edition=edition, year=year, chapter=chapter, kind=kind)
