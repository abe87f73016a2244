"""The reactienota: every remark of a round with its answer, per item in reading order."""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from feedback import items as round_items

COLUMNS = [_("Onderdeel"), _("Passage"), _("Reactie"), _("Indiener"), _("Datum"), _("Afhandeling"),
           _("Antwoord"), _("Beantwoord door"), _("Wijziging")]


def grouped(round):
    """[(label, [remark, …])] in the draft's reading order; items removed since come last."""
    remarks = list(round.remarks.select_related("author", "answered_by", "suggestion__item_type")
                   .prefetch_related("messages__author"))
    order = {(type(item.obj)._meta.label_lower, item.obj.pk): i for i, item in enumerate(round_items.items_of(round))}
    groups = {}
    for remark in remarks:
        model = remark.item_type.model_class()
        key = (model._meta.label_lower if model else "", remark.item_id)
        groups.setdefault((order.get(key, len(order)), remark.item_label), []).append(remark)
    return [(label, items) for (_position, label), items in sorted(groups.items(), key=lambda g: g[0])]


def _name(user):
    return (user.get_full_name() or user.username) if user else ""


def _cell(value):
    # A spreadsheet runs text that starts with these as a formula.
    text = str(value or "")
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def xlsx(round):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Reactienota")[:31]
    sheet.append([_cell(round.title)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_cell(_("Reacties op %(scope)s, gesloten %(date)s") % {
        "scope": round.scope_label,
        "date": timezone.localtime(round.closed_at).strftime("%d-%m-%Y") if round.closed_at else _("nog open")})])
    sheet.append([])
    sheet.append(COLUMNS)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for label, remarks in grouped(round):
        for remark in remarks:
            thread = "\n".join(f"{_name(m.author)}: {m.text}" for m in remark.messages.all())
            sheet.append([_cell(v) for v in (
                label, remark.quote, remark.text, _name(remark.author), remark.created_at.strftime("%d-%m-%Y"),
                remark.get_resolution_display(), "\n".join(filter(None, [remark.reply, thread])),
                _name(remark.answered_by), f"#{remark.history_id}" if remark.history_id else "",
            )])
    for column, width in zip("ABCDEFGHI", (30, 40, 60, 20, 12, 16, 60, 20, 12), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
