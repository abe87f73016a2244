"""History rows (django-simple-history), written straight into the historical tables.

Three kinds: the creation record ("+") of every row the seeding made in bulk; an action's status
changes as its parts report (monitoring.services.refresh_action_status saves the action with
reason "Voortgangsbericht" and a new version); and the writers' saves of the agenda text, spread
over every versioned item of every edition, each with the next version number. A live row's
`version` ends as that of its latest save, as opgaven.services.save_versioned leaves it."""

import datetime

from governance.models import Organisation, Person
from jaarprogramma.models import (
    Action,
    ActionCarrier,
    ActionStatus,
    Jaarprogramma,
    SubItem,
    SuccessCriterion,
    status_of_parts,
)
from opgaven.models import Ambition, Block, Contribution, Footnote, IntroSection, Principle, Quote, Section

from ..models import Indicator, Measurement
from .bulk import BATCH, moment

CREATED = datetime.date(2020, 11, 2)
STATUS_REASON = "Voortgangsbericht"
# (model, text field, the edition it belongs to, the year its programme or edition starts)
EDITED = [
    (Section, "body", "chapter__edition", None),
    (Block, "text", "section__chapter__edition", None),
    (Ambition, "text", "chapter__edition", None),
    (Contribution, "text", "chapter__edition", None),
    (Quote, "text", "chapter__edition", None),
    (Footnote, "text", "chapter__edition", None),
    (IntroSection, "body", "edition", None),
    (Principle, "body", "edition", None),
    (SuccessCriterion, "text", "jaarprogramma__chapter__edition", "jaarprogramma__year"),
    (SubItem, "text", "action__jaarprogramma__chapter__edition", "action__jaarprogramma__year"),
]
MADE_IN_BULK = [Organisation, Person, Jaarprogramma, Action, ActionCarrier, SubItem, SuccessCriterion, Indicator,
                Measurement]


_HISTORICAL = {}


def _historical(model):
    # `model.history` builds a manager on every access: look the historical model up once.
    if model not in _HISTORICAL:
        _HISTORICAL[model] = (model.history.model, [f.attname for f in model._meta.concrete_fields])
    return _HISTORICAL[model]


def _record(model, obj, **history):
    historical, names = _historical(model)
    return historical(**{name: getattr(obj, name) for name in names}, **history)


def _write(model, records):
    _historical(model)[0].objects.bulk_create(records, batch_size=BATCH)
    return len(records)


def _created_on(model, obj, years):
    """When a row made in bulk came about: the December before its programme's year."""
    year = years.get(getattr(obj, "jaarprogramma_id", None))
    if model is Action or model is SuccessCriterion:
        return datetime.date(year - 1, 12, 1) if year else CREATED
    return CREATED


def creations(counts):
    """A "+" record for every row without history: those the seeding made with bulk_create."""
    years = dict(Jaarprogramma.objects.values_list("pk", "year"))
    total = 0
    for model in MADE_IN_BULK:
        recorded = _historical(model)[0].objects.values("id")
        rows = model.objects.exclude(pk__in=recorded).order_by("pk").iterator(chunk_size=BATCH)
        batch = []
        for obj in rows:
            batch.append(_record(model, obj, history_type="+", history_change_reason="",
                                 history_date=moment(_created_on(model, obj, years))))
            if len(batch) >= BATCH:
                total += _write(model, batch)
                batch = []
        total += _write(model, batch)
    counts["geschiedenis: aangemaakt"] = total


def status_changes(timeline, counts):
    """An action's record for each quarter its status changed, and its version after them."""
    actions = Action.objects.filter(pk__in=timeline.quarters).select_related("carried_over_from").order_by("pk")
    records, versions = [], []
    for action in actions.iterator(chunk_size=BATCH):
        final = action.status
        status = action.carried_over_from.status if action.carried_over_from_id else ActionStatus.NOT_STARTED
        last_day = CREATED
        for day, statuses in timeline.quarters[action.pk]:
            now = status_of_parts(statuses) or status
            if now != status and day is not None:
                status, last_day = now, day
                action.status, action.version = status, action.version + 1
                records.append(_record(Action, action, history_type="~", history_change_reason=STATUS_REASON,
                                       history_date=moment(day, hour=17)))
        if status != final:  # an update posted after the quarters (the real agenda's own reports)
            action.status, action.version = final, action.version + 1
            records.append(_record(Action, action, history_type="~", history_change_reason=STATUS_REASON,
                                   history_date=moment(last_day, hour=18)))
        versions.append(Action(pk=action.pk, version=action.version))
    counts["geschiedenis: status"] = _write(Action, records)
    Action.objects.bulk_update(versions, ["version"], batch_size=BATCH)


def edits(size, rng, writers, counts):
    """`size.edits` saves by writers over every versioned text, long texts saved more often; each
    save before the last holds the text as far as it was written then."""
    items = []
    for model, text_field, edition_path, year_path in EDITED:
        values = ["pk", text_field, f"{edition_path}__start_year"] + ([year_path] if year_path else [])
        for row in model.objects.order_by("pk").values_list(*values):
            if row[2] is not None:  # (an introduction's blocks: their edition is another path; left out)
                items.append((model, text_field, row))
    weights = [(len(row[1] or "") + 100) * rng.uniform(0.5, 1.5) for _, _, row in items]
    scale = size.edits / sum(weights)
    plan = [max(1, round(w * scale)) for w in weights]
    total = 0
    by_model = {}
    for (model, text_field, row), n in zip(items, plan, strict=True):
        by_model.setdefault((model, text_field), []).append((row, n))
    for (model, text_field), rows in by_model.items():
        live = model.objects.in_bulk([row[0] for row, _ in rows])
        has_version = any(f.name == "version" for f in model._meta.concrete_fields)
        batch, bumped = [], []
        for row, n in rows:
            obj = live[row[0]]
            text = getattr(obj, text_field) or ""
            start_year = row[3] if len(row) > 3 else row[2]
            # Written in the year before the edition (or the programme) starts.
            first = datetime.date(start_year - 1, 2, 1)
            for k in range(1, n + 1):
                if has_version:
                    obj.version += 1
                shown = text if k == n else text[: max(1, len(text) * k // n)]
                record = _record(model, obj, history_type="~", history_change_reason="",
                                 history_user_id=writers[(row[0] + k) % len(writers)] if writers else None,
                                 history_date=moment(first, seconds=k * 290 * 60 // max(1, n // 20 + 1)))
                setattr(record, text_field, shown)
                batch.append(record)
                if len(batch) >= BATCH:
                    total += _write(model, batch)
                    batch = []
            if has_version:
                bumped.append(obj)
        total += _write(model, batch)
        if bumped:
            model.objects.bulk_update(bumped, ["version"], batch_size=BATCH)
    counts["geschiedenis: bewerkingen"] = total


def seed(size, rng, staff, timeline, counts):
    creations(counts)
    status_changes(timeline, counts)
    edits(size, rng, staff.user_ids, counts)
