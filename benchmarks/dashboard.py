"""The netwerkoverleg dashboard at ten times the real data, against a trivial template view.

Two figures: the median server time through Django's test client, and the p95 latency
under 20 concurrent clients against a real gunicorn server started here; both as a ratio
to the trivial view (/gezond/) measured the same way, so the figures travel between machines."""

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from benchmarks.support import Bench

DASHBOARD = "/monitoring/"
TRIVIAL = "/gezond/"
CLIENTS = 20
REQUESTS_PER_CLIENT = 10
ROOT = Path(__file__).resolve().parent.parent


def _admin_client():
    user, _ = get_user_model().objects.get_or_create(
        username="bench-netwerkoverleg", defaults={"is_superuser": True, "is_staff": True})
    return Bench.signed_in(Client(HTTP_HOST="127.0.0.1"), user)


def _median(client, url, repeat=15, warmup=2):
    def hit():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} gaf {response.status_code}")

    for _ in range(warmup):
        hit()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        hit()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_server(port):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE",
                                                                  "netwerkagenda.test_settings")}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "netwerkagenda.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--threads", "4", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{TRIVIAL}", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn start niet: " + server.stderr.read().decode(errors="replace")[-2000:])


def _p95_under_load(port, path, cookie=None):
    request_headers = {"Cookie": cookie} if cookie else {}

    def one_client(_):
        latencies = []
        for _ in range(REQUESTS_PER_CLIENT):
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=request_headers)
            start = time.perf_counter()
            with urllib.request.urlopen(request, timeout=60) as response:
                response.read()
                if response.status != 200:
                    raise RuntimeError(f"{path} gaf {response.status}")
            latencies.append(time.perf_counter() - start)
        return latencies

    with ThreadPoolExecutor(CLIENTS) as pool:
        one_client(0)  # warm-up
        samples = [s for batch in pool.map(one_client, range(CLIENTS)) for s in batch]
    return statistics.quantiles(samples, n=20)[-1]


def run(bench=None):
    # Links and baselines first, so the synthetic copies carry them too.
    call_command("load_monitoring", verbosity=0)
    call_command("seed_scale", factor=10, verbosity=0)
    if bench is not None:
        bench.factor = 10
    client = _admin_client()
    ratio = _median(client, DASHBOARD) / _median(client, TRIVIAL)
    yield "dashboard_x10_vs_trivial", ratio, "ratio"

    cookie = f"sessionid={client.cookies['sessionid'].value}"
    port = _free_port()
    server = _start_server(port)
    try:
        trivial = _p95_under_load(port, TRIVIAL)
        dashboard = _p95_under_load(port, DASHBOARD, cookie)
    finally:
        server.terminate()
        server.wait(timeout=10)
    yield "dashboard_x10_p95_20_clients_vs_trivial", dashboard / trivial, "ratio"


if __name__ == "__main__":
    from benchmarks.__main__ import setup_django

    setup_django()
    for name, value, unit in run():
        print(f"BENCH {name} {value:.3f} {unit}")
