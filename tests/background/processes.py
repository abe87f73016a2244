"""Real `celery worker` and `beat` processes for the background tests: each in its own process
group with its output in a file, killed (with its children) when the test ends."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings

BASE_DIR = Path(django_settings.BASE_DIR)
TIMEOUT = 60


class Process:
    """A subprocess in its own process group, its output in a file, killed with its children."""

    def __init__(self, command, env, log_path):
        self.log_path = log_path
        self.log = open(log_path, "w")  # closed in stop()
        self.process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)

    @property
    def pid(self):
        return self.process.pid

    def output(self):
        return self.log_path.read_text()

    def kill(self):
        """SIGKILL: the process and its children die without a word, as in a crash."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)

    def stop(self):
        self.kill()
        self.log.close()


def celery(*arguments):
    return [sys.executable, "-m", "celery", "-A", "netwerkagenda", *arguments]


def worker(queue, *, pool="solo", name=None):
    return celery("worker", "-Q", queue, f"--pool={pool}", "--concurrency=1", "--loglevel=INFO",
                  "-n", f"{name or queue}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat")


def beat(schedule_path):
    return celery("beat", "--loglevel=INFO", "--schedule", str(schedule_path))


def wait_for(predicate, what, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    pytest.fail(f"Wachten duurde te lang: {what}")
