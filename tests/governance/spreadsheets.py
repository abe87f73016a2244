"""Build participant files in every format the import accepts."""

import csv
import io

import openpyxl
import tablib


def csv_bytes(rows, *, delimiter=",", encoding="utf-8") -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ods_bytes(rows) -> bytes:
    dataset = tablib.Dataset()
    width = max(len(row) for row in rows)
    for row in rows:
        dataset.append([*row, *[""] * (width - len(row))])
    return dataset.export("ods")


def make(rows, fmt):
    """(bytes, filename) for `fmt`: csv, csv-semicolon, csv-bom, csv-cp1252, xlsx or ods."""
    builders = {
        "csv": lambda: csv_bytes(rows),
        "csv-semicolon": lambda: csv_bytes(rows, delimiter=";"),
        "csv-bom": lambda: csv_bytes(rows, encoding="utf-8-sig"),
        "csv-cp1252": lambda: csv_bytes(rows, delimiter=";", encoding="cp1252"),
        "xlsx": lambda: xlsx_bytes(rows),
        "ods": lambda: ods_bytes(rows),
    }
    extension = fmt.split("-")[0]
    return builders[fmt](), f"deelnemers.{extension}"


FORMATS = ["csv", "csv-semicolon", "csv-bom", "csv-cp1252", "xlsx", "ods"]
