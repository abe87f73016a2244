"""Readable differences between the stored versions of an item."""

import difflib
from dataclasses import dataclass, field


@dataclass
class FieldChange:
    label: str
    segments: list  # [(op, text)], op in "equal", "insert", "delete"


@dataclass
class VersionEntry:
    record: object
    changes: list = field(default_factory=list)
    is_current: bool = False
    restore_url: str = ""


HIDDEN = {"version", "order"}


def word_diff(old, new):
    old_words, new_words = str(old or "").split(" "), str(new or "").split(" ")
    segments = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("equal", " ".join(old_words[a1:a2])))
            continue
        if op in ("delete", "replace"):
            segments.append(("delete", " ".join(old_words[a1:a2])))
        if op in ("insert", "replace"):
            segments.append(("insert", " ".join(new_words[b1:b2])))
    return segments


def version_entries(instance, *, limit=50):
    """Newest first; each entry lists what changed compared with the version before it."""
    records = list(instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    model = type(instance)
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        entry = VersionEntry(record=record, is_current=index == 0)
        if previous is not None:
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in HIDDEN:
                    continue
                label = model._meta.get_field(change.field).verbose_name
                entry.changes.append(FieldChange(str(label), word_diff(change.old, change.new)))
        entries.append(entry)
    return entries
