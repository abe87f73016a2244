"""`make run` starts `manage.py devserver`: the web server, a Celery worker and beat together, on
the folder broker; Ctrl-C stops all three and whatever they started."""

import os
import signal
import socket
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.background.processes import Process, wait_for
from tests.background.test_worker_and_beat import _environment

pytestmark = pytest.mark.worker


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url):
    try:
        urllib.request.urlopen(url, timeout=2)  # noqa: S310 (our own server on the loopback)
    except urllib.error.HTTPError:
        return True  # an answer all the same (the database here is empty)
    except OSError:
        return False
    return True


def _children(pid):
    """{pid: command line} of the processes whose parent is `pid`."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found[int(stat.parent.name)] = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, IndexError, ValueError):
            continue
    return found


def _group_alive(pgid):
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_devserver_starts_web_worker_and_beat_and_ctrl_c_stops_them_all(tmp_path, processes):
    port = _free_port()
    env = _environment(tmp_path, CELERY_BROKER_URL="", CELERY_FILESYSTEM_BROKER_DIR=str(tmp_path / "broker"),
                       DEBUG="1")
    devserver = Process([sys.executable, "manage.py", "devserver", f"127.0.0.1:{port}", "--noreload"], env,
                        tmp_path / "devserver.log")
    processes.append(devserver)

    wait_for(lambda: _answers(f"http://127.0.0.1:{port}/gezond/"), "de webserver antwoordt")
    wait_for(lambda: "ready." in devserver.output(), "de worker is klaar")
    wait_for(lambda: "beat: Starting..." in devserver.output(), "beat is gestart")
    children = _children(devserver.pid)
    kinds = sorted(next(kind for kind in ("runserver", "worker", "beat") if kind in line) for line in children.values())
    assert kinds == ["beat", "runserver", "worker"], children

    os.kill(devserver.pid, signal.SIGINT)  # what Ctrl-C sends the command in the terminal

    devserver.process.wait(timeout=60)
    wait_for(lambda: not any(_group_alive(pid) for pid in children), "alles is gestopt", timeout=30)
