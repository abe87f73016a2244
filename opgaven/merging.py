"""An edit conflict, side by side: what the writer changed, what the other writer saved, and the
two merged word by word (opgaven.diffs.merge) as the text the writer saves next.

Both sides are compared with the version the writer started from (its history record), so
each column shows that side's own changes; where both changed the same words, the merged text
keeps the writer's words and the page says how many such places there are."""

from dataclasses import dataclass

from django.db import models

from opgaven import diffs


@dataclass
class Row:
    name: str
    label: str
    mine: str  # as the page shows it (rendered, the changes marked)
    stored: str
    differs: bool
    conflicts: int = 0


def _shown(model_field, value):
    if hasattr(value, "all"):  # many-to-many: the stored manager, or the form's queryset
        return ", ".join(str(o) for o in value.all())
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return "" if value is None else str(value)


def _base(stored, version):
    """The item as it was when the writer's form was loaded (None if its history lacks it)."""
    history = getattr(stored, "history", None)
    if history is None:
        return None
    return history.filter(version=version).order_by("-history_id").first()


def conflict(model, mine: dict, stored, version: int):
    """(rows, merged): the side-by-side rows, and {field: merged text} for the differing texts."""
    base = _base(stored, version)
    rows, merged = [], {}
    for name, value in mine.items():
        model_field = model._meta.get_field(name)
        theirs = getattr(stored, name)
        is_text = isinstance(model_field, models.CharField | models.TextField) and not model_field.choices
        if not is_text:
            shown_mine, shown_theirs = _shown(model_field, value), _shown(model_field, theirs)
            rows.append(Row(name, str(model_field.verbose_name), diffs.render(shown_mine, shown_mine, inline=True),
                            diffs.render(shown_theirs, shown_theirs, inline=True), shown_mine != shown_theirs))
            continue
        value, theirs = value or "", theirs or ""
        start = getattr(base, name) if base is not None else theirs
        inline = isinstance(model_field, models.CharField)
        row = Row(name, str(model_field.verbose_name), diffs.render(start, value, inline=inline),
                  diffs.render(start, theirs, inline=inline), value != theirs)
        if row.differs:
            merged[name], row.conflicts = diffs.merge(start, value, theirs)
        rows.append(row)
    return rows, merged
