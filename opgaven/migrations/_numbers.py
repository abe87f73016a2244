"""Shared by the migrations that make numbers unique: rows that share a number with an earlier
row of the same parent (simultaneous additions before the constraint existed) take a free one.
No row is removed and the first keeps its number. Frozen with the migrations that use it (the
migration loader skips modules whose name starts with "_")."""

from itertools import groupby


def separate_duplicates(model, parent_fields, number_field):
    """Give every later duplicate of `number_field` within its parent the next free number: the
    parent's highest number plus one for a numeric field, "<number>-2" (-3 …) for a text one."""
    field = model._meta.get_field(number_field)
    textual = field.get_internal_type() == "CharField"
    rows = model.objects.order_by(*parent_fields, "pk").values_list("pk", *parent_fields, number_field)
    for _parent, siblings in groupby(rows, key=lambda row: row[1:-1]):
        siblings = list(siblings)
        taken = {row[-1] for row in siblings}
        seen = set()
        for pk, *_rest, number in siblings:
            if number not in seen:
                seen.add(number)
                continue
            new = _free_text(number, taken, field.max_length) if textual else max(taken) + 1
            taken.add(new)
            model.objects.filter(pk=pk).update(**{number_field: new})


def _free_text(number, taken, max_length):
    k = 2
    while True:
        suffix = f"-{k}"
        candidate = number[: max_length - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        k += 1
