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
# SequenceMatcher takes time up to the product of the lengths it compares (seconds for two
# long texts of repeated words): past this many word pairs the changed middle is shown whole.
MAX_DIFF_PAIRS = 250_000


def _opcodes(old_words, new_words):
    """Common start and end first (linear); the middle word by word only when it is small."""
    start = 0
    while start < min(len(old_words), len(new_words)) and old_words[start] == new_words[start]:
        start += 1
    end = 0
    while (end < min(len(old_words), len(new_words)) - start
           and old_words[-1 - end] == new_words[-1 - end]):
        end += 1
    old_mid, new_mid = old_words[start:len(old_words) - end], new_words[start:len(new_words) - end]
    if start:
        yield "equal", 0, start, 0, start
    if len(old_mid) * len(new_mid) <= MAX_DIFF_PAIRS:
        matcher = difflib.SequenceMatcher(a=old_mid, b=new_mid, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            yield op, a1 + start, a2 + start, b1 + start, b2 + start
    elif old_mid or new_mid:
        yield "replace", start, start + len(old_mid), start, start + len(new_mid)
    if end:
        yield "equal", len(old_words) - end, len(old_words), len(new_words) - end, len(new_words)


def word_diff(old, new):
    old_words, new_words = str(old or "").split(" "), str(new or "").split(" ")
    segments = []
    for op, a1, a2, b1, b2 in _opcodes(old_words, new_words):
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
    history = instance.history.select_related("history_user").order_by("-history_date", "-history_id")
    records = list(history[: limit + 1])
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
