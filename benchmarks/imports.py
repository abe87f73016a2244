"""Importing 10,000 participants from XLSX, against openpyxl merely reading the same file."""

import io
import statistics

import openpyxl
from django.db import transaction
from django.test.utils import CaptureQueriesContext

ROWS = 10_000


def build_xlsx(rows=ROWS) -> bytes:
    from governance.models import Organisation

    names = [o.name for o in Organisation.objects.order_by("pk")] or ["Bibliotheek Eindhoven"]
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["Naam", "Organisatie", "E-mail"])
    for i in range(rows):
        organisation = names[i % len(names)]
        if i % 7 == 0:
            organisation = f"{organisation} en {names[(i + 3) % len(names)]}"
        sheet.append([f"Deelnemer {i:05d}", organisation, f"deelnemer{i}@example.org" if i % 3 else ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_only(data: bytes):
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    for _row in workbook.worksheets[0].iter_rows(values_only=True):
        pass
    workbook.close()


def import_once(data: bytes, edition):
    from governance.imports.services import import_participants

    with transaction.atomic():
        result = import_participants(file=data, filename="bench.xlsx", edition=edition, dry_run=False,
                                     create_organisations=True)
        if not result.saved or len(result.plan.new) != ROWS:
            raise RuntimeError(f"import mislukt: {result.errors[:5]}")
        transaction.set_rollback(True)  # every repetition imports into the same database


def run(bench):
    from django.db import connection

    from opgaven.models import Edition

    edition = Edition.objects.current()
    data = build_xlsx()
    import_once(data, edition)  # warm-up: imports, caches and the first connection
    # Alternate the two measurements so that load from other processes hits both alike.
    ratios = []
    for _ in range(3):
        reading = bench.median_seconds(lambda: read_only(data), repeat=3, warmup=1)
        importing = bench.median_seconds(lambda: import_once(data, edition), repeat=1, warmup=0)
        ratios.append(importing / reading)
    yield "import_10k_xlsx_vs_openpyxl_read", statistics.median(ratios), "ratio"
    with CaptureQueriesContext(connection) as queries:
        import_once(data, edition)
    yield "import_10k_xlsx_sql_statements", len(queries.captured_queries), "statements"
