"""Importing 10,000 participants from XLSX, against openpyxl merely reading the same file.

An import is what an administrator's upload and confirmation do: read and plan the file once
and store the plan (governance.imports.stored.start), then apply the stored plan (confirm),
all of it or nothing, with history rows and the grants of the affected accounts. The
statement count is of both. With DATABASE_URL on PostgreSQL the figures end in _postgres, and
the part runs once more on SQLite (the embedded default), in a process of its own."""

import io
import os
import statistics
import subprocess
import sys
from pathlib import Path

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


def import_once(data: bytes, edition, user):
    from governance.imports import stored

    with transaction.atomic():
        upload = stored.start(data=data, filename="bench.xlsx", user=user, edition=edition)
        result = stored.confirm(upload, create_organisations=True, edition=edition)
        if not result.saved or len(result.plan.new) != ROWS:
            raise RuntimeError(f"import mislukt: {result.errors[:5]}")
        transaction.set_rollback(True)  # every repetition imports into the same database


def run(bench):
    from django.contrib.auth import get_user_model
    from django.db import connection

    from opgaven.models import Edition

    suffix = "_postgres" if connection.vendor == "postgresql" else ""
    edition = Edition.objects.current()
    user, _created = get_user_model().objects.get_or_create(username="bench-import")
    data = build_xlsx()
    import_once(data, edition, user)  # warm-up: imports, caches and the first connection
    # Alternate the two measurements so that load from other processes hits both alike.
    ratios = []
    for _ in range(3):
        reading = bench.median_seconds(lambda: read_only(data), repeat=3, warmup=1)
        importing = bench.median_seconds(lambda: import_once(data, edition, user), repeat=1, warmup=0)
        ratios.append(importing / reading)
    yield f"import_10k_xlsx_vs_openpyxl_read{suffix}", statistics.median(ratios), "ratio"
    with CaptureQueriesContext(connection) as queries:
        import_once(data, edition, user)
    yield f"import_10k_xlsx_sql_statements{suffix}", len(queries.captured_queries), "statements"
    if suffix:
        yield from _on_sqlite()


def _on_sqlite():
    """The same figures on SQLite: `python -m benchmarks imports` without DATABASE_URL."""
    env = {name: value for name, value in os.environ.items() if name != "DATABASE_URL"}
    done = subprocess.run([sys.executable, "-m", "benchmarks", "imports"], env=env, check=True, text=True,
                          capture_output=True, cwd=Path(__file__).resolve().parent.parent)
    for line in done.stdout.splitlines():
        if line.startswith("BENCH import_"):
            _bench, figure, value, unit = line.split()
            yield figure, int(value) if value.isdigit() else float(value), unit
