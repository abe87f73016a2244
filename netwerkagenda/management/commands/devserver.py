"""`manage.py devserver` (what `make run` starts): the web server, a Celery worker and beat together.

Background work then behaves as in production: exports show their progress, scheduled reminders
and digests run, and mail goes out through the worker (to the console unless EMAIL_URL says
otherwise). The broker is the one settings.py chooses: Redis with CELERY_BROKER_URL, otherwise
a folder (var/celery). Ctrl-C, or any one of the three stopping, stops all three.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

GRACE_SECONDS = 10


def commands(address, *, reload=True):
    """The three processes, by name; beat keeps its schedule file beside the folder broker."""
    var = Path(settings.BASE_DIR) / "var"
    var.mkdir(exist_ok=True)
    python = sys.executable
    runserver = [python, "manage.py", "runserver", address]
    if not reload:
        runserver.append("--noreload")
    return {
        "web": runserver,
        "worker": [python, "-m", "celery", "-A", "netwerkagenda", "worker", "--loglevel", "INFO",
                   "--concurrency", "2", "-n", "dev@%h"],
        "beat": [python, "-m", "celery", "-A", "netwerkagenda", "beat", "--loglevel", "INFO",
                 "--schedule", str(var / "celerybeat-schedule")],
    }


class Command(BaseCommand):
    help = "Start de webserver met een Celery-worker en beat; Ctrl-C stopt ze samen."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("address", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--noreload", action="store_true", help="de webserver zonder autoreloader")

    def handle(self, *args, address, noreload, **options):
        processes = {}
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        # Each child leads its own process group (runserver's autoreloader has a child of its own),
        # so stopping one stops everything it started.
        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            for name, command in commands(address, reload=not noreload).items():
                self.stdout.write(f"[devserver] {name}: {' '.join(command)}")
                processes[name] = subprocess.Popen(command, cwd=settings.BASE_DIR, start_new_session=True)  # noqa: S603
            while not stopping:
                ended = [name for name, process in processes.items() if process.poll() is not None]
                if ended:
                    self.stderr.write(f"[devserver] {', '.join(ended)} is gestopt; de rest stopt ook.")
                    break
                time.sleep(0.5)
        finally:
            self._stop_all(processes)

    def _stop_all(self, processes):
        for process in processes.values():
            _signal_group(process, signal.SIGINT)  # Celery's warm shutdown: running tasks finish
        deadline = time.monotonic() + GRACE_SECONDS
        for process in processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            _signal_group(process, signal.SIGKILL)  # whatever is left of the group
            process.wait()


def _signal_group(process, signum):
    try:
        os.killpg(process.pid, signum)
    except ProcessLookupError:
        pass
