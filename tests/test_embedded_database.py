"""`make run` without DATABASE_URL: web, worker and beat share one SQLite file, and two of them
writing at once wait for each other instead of failing with "database is locked"."""

import os
import subprocess
import sys

from django.conf import settings

CODE = """
import django, sys, threading
django.setup()
from django.db import connection, transaction
from governance.models import Organisation

Organisation.objects.all().delete()
start = threading.Barrier(4)
errors = []

def write(n):
    try:
        start.wait()
        for i in range(20):
            with transaction.atomic():
                Organisation.objects.count()  # read first: the upgrade to a writer used to fail
                Organisation.objects.create(key=f"org-{n}-{i}", name=f"Organisatie {n} {i}")
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()

threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
[t.start() for t in threads]
[t.join() for t in threads]
print(errors or Organisation.objects.count())
"""


def test_simultaneous_writers_on_the_embedded_database_wait_for_each_other(tmp_path):
    database = tmp_path / "db.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "netwerkagenda.settings",
           "DEBUG": "1"}
    env.pop("CI", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], env=env, check=True,
                   cwd=settings.BASE_DIR, timeout=600)
    result = subprocess.run([sys.executable, "-c", CODE], env=env, capture_output=True, text=True,
                            cwd=settings.BASE_DIR, timeout=300)
    assert result.stdout.strip() == "80", result.stdout + result.stderr
