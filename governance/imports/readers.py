"""Read a participant spreadsheet (XLSX, ODS or CSV) into rows keyed by canonical column.

Every problem with the file as a whole raises `ImportFileError` with a Dutch message; the
caller shows it and never a 500. Row numbers are the ones the user sees in the spreadsheet
(the header is row 1 when it is the first row).
"""

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from defusedxml import ElementTree as SafeET
from django.utils.translation import gettext as _

from .exports import unescape_formula

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 50
# A zip that unpacks to more than this is a zip bomb, not a participant list.
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
ZIP_SIGNATURE = b"PK\x03\x04"

NAME, ORGANISATION, EMAIL, ROLE, BODY = "name", "organisation", "email", "role", "body"
COLUMN_LABELS = {NAME: "Naam", ORGANISATION: "Organisatie", EMAIL: "E-mail", ROLE: "Rol", BODY: "Koersgroep"}
HEADER_ALIASES = {
    NAME: ["naam", "name", "volledige naam", "deelnemer"],
    ORGANISATION: ["organisatie", "organisaties", "organisation", "organization", "instelling"],
    EMAIL: ["e-mail", "email", "mail", "e-mailadres", "emailadres", "e-mail adres"],
    ROLE: ["rol", "role"],
    BODY: ["koersgroep", "groep", "gremium", "body", "group"],
}


def _header_key(label) -> str:
    text = unicodedata.normalize("NFKD", str(label or ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\W_]+", "", text)


HEADER_INDEX = {_header_key(alias): column for column, aliases in HEADER_ALIASES.items() for alias in aliases}


class ImportFileError(Exception):
    """The file as a whole cannot be read; `message` is shown to the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class SheetRow:
    number: int
    values: dict


@dataclass
class Sheet:
    columns: list
    rows: list = field(default_factory=list)
    ignored_headers: list = field(default_factory=list)


def read_sheet(data: bytes, filename: str) -> Sheet:
    """Parse the upload; the format follows from the name and must match the content."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportFileError(_("Het bestand is groter dan %(max)d MB.") % {"max": MAX_UPLOAD_BYTES // 2**20})
    if not data.strip():
        raise ImportFileError(_("Het bestand is leeg."))
    extension = filename.rsplit(".", 1)[-1].casefold() if "." in filename else ""
    if extension in ("xlsx", "ods"):
        raw_rows = _read_zipped(data, extension)
    elif extension in ("csv", "txt"):
        raw_rows = _read_csv(data)
    else:
        raise ImportFileError(_("Kies een bestand van het type XLSX, ODS of CSV."))
    return _to_sheet(raw_rows)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # Before the whitespace is tidied: the export escapes a leading tab or CR as well.
    return " ".join(unescape_formula(str(value)).split())


def _to_sheet(raw_rows) -> Sheet:
    """Find the header (first non-blank row), map its labels and collect the data rows."""
    header_number, columns, ignored = None, {}, []
    sheet = None
    for number, cells in raw_rows:
        texts = [_cell_text(c) for c in cells[:MAX_COLUMNS]]
        if not any(texts):
            continue
        if sheet is None:
            header_number = number
            for index, label in enumerate(texts):
                column = HEADER_INDEX.get(_header_key(label))
                if column is None:
                    if label:
                        ignored.append(label)
                elif column in columns.values():
                    raise ImportFileError(
                        _("Rij %(row)d: de kolom ‘%(label)s’ komt twee keer voor.") % {"row": number, "label": label}
                    )
                else:
                    columns[index] = column
            if NAME not in columns.values():
                raise ImportFileError(
                    _("Rij %(row)d: de kolom ‘Naam’ ontbreekt in de kopregel.") % {"row": header_number}
                )
            sheet = Sheet(columns=list(columns.values()), ignored_headers=ignored)
            continue
        if len(sheet.rows) >= MAX_ROWS:
            raise ImportFileError(_("Het bestand heeft meer dan %(max)d rijen.") % {"max": MAX_ROWS})
        values = {column: (texts[i] if i < len(texts) else "") for i, column in columns.items()}
        if any(values.values()):
            sheet.rows.append(SheetRow(number=number, values=values))
    if sheet is None:
        raise ImportFileError(_("Het bestand bevat geen kopregel en geen gegevens."))
    return sheet


def _open_zip(data: bytes, label: str) -> zipfile.ZipFile:
    # zipfile raises NotImplementedError for archive features it lacks (found by hypothesis).
    if not data.startswith(ZIP_SIGNATURE):
        raise ImportFileError(_("Dit is geen geldig %(format)s-bestand.") % {"format": label})
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise ImportFileError(_("Dit is geen geldig %(format)s-bestand.") % {"format": label}) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError(_("Het bestand is uitgepakt te groot om in te lezen."))
    return archive


def _read_zipped(data: bytes, extension: str):
    label = extension.upper()
    archive = _open_zip(data, label)
    names = set(archive.namelist())
    is_ods = "content.xml" in names and "mimetype" in names
    is_xlsx = "[Content_Types].xml" in names
    if extension == "xlsx" and not is_xlsx:
        hint = _(" Het lijkt een ODS-bestand.") if is_ods else ""
        raise ImportFileError(_("Dit is geen geldig XLSX-bestand.") + hint)
    if extension == "ods" and not is_ods:
        hint = _(" Het lijkt een XLSX-bestand.") if is_xlsx else ""
        raise ImportFileError(_("Dit is geen geldig ODS-bestand.") + hint)
    try:
        rows = _xlsx_rows(data) if extension == "xlsx" else _ods_rows(archive)
        # Materialise here so every parser error surfaces inside this try.
        return list(_limited(rows))
    except ImportFileError:
        raise
    except Exception:  # openpyxl and the XML parsers raise many types on hostile input
        message = _("Dit %(format)s-bestand is beschadigd of kan niet worden gelezen.") % {"format": label}
        raise ImportFileError(message) from None


def _limited(rows):
    # Blank rows do not count; a sheet padded with a million empty rows is not a problem.
    filled = 0
    for number, cells in rows:
        if any(c not in (None, "") for c in cells):
            filled += 1
            if filled > MAX_ROWS + 1:
                raise ImportFileError(_("Het bestand heeft meer dan %(max)d rijen.") % {"max": MAX_ROWS})
            yield number, cells


def _xlsx_rows(data: bytes):
    import openpyxl

    # openpyxl parses with defusedxml when it is installed (openpyxl.DEFUSEDXML).
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        # Read-only sheets yield an empty tuple for every missing row, so counting is exact.
        for number, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
            yield number, list(values)
    finally:
        workbook.close()


ODS_NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}


def _ods_rows(archive: zipfile.ZipFile):
    """The first table of content.xml, parsed with defusedxml (no entities, no DTDs)."""
    root = SafeET.fromstring(archive.read("content.xml"))
    table = root.find(".//table:table", ODS_NS)
    if table is None:
        return
    t = "{{{}}}".format(ODS_NS["table"])
    number = 0
    for row in table.iter(f"{t}table-row"):
        repeat = _int_attr(row, f"{t}number-rows-repeated")
        cells = []
        for cell in row:
            if cell.tag not in (f"{t}table-cell", f"{t}covered-table-cell"):
                continue
            value = _ods_value(cell)
            span = min(_int_attr(cell, f"{t}number-columns-repeated"), MAX_COLUMNS)
            cells.extend([value] * span)
            if len(cells) >= MAX_COLUMNS:
                break
        if not any(cells):
            number += repeat  # padding rows: skip without materialising them
            continue
        for _i in range(min(repeat, MAX_ROWS + 2)):
            number += 1
            yield number, cells


def _int_attr(element, name) -> int:
    try:
        return max(1, int(element.get(name, "1")))
    except ValueError:
        return 1


def _ods_value(cell) -> str:
    office = "{{{}}}".format(ODS_NS["office"])
    kind = cell.get(f"{office}value-type")
    if kind in ("float", "percentage", "currency") and cell.get(f"{office}value") is not None:
        return cell.get(f"{office}value")
    paragraphs = cell.findall("text:p", ODS_NS)
    return "\n".join("".join(p.itertext()) for p in paragraphs)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise ImportFileError(_("Dit CSV-bestand is geen leesbare tekst (UTF-8 of Windows-1252)."))


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _read_csv(data: bytes):
    if data.startswith(ZIP_SIGNATURE):
        raise ImportFileError(_("Dit is geen CSV-bestand maar een spreadsheet; geef het de extensie .xlsx of .ods."))
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows = []
    try:
        for number, cells in enumerate(reader, start=1):
            rows.append((number, cells))
    except csv.Error:
        raise ImportFileError(
            _("Rij %(row)d: dit CSV-bestand is niet goed opgemaakt.") % {"row": len(rows) + 1}
        ) from None
    return list(_limited(rows))
