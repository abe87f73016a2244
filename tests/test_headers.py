"""Response headers: no private page or download in a shared cache, htmx-aware caching,
browser features off, and no server banner from gunicorn."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from netwerkagenda.middleware import ResponseHeadersMiddleware

ROOT = Path(__file__).resolve().parent.parent


def directives(response):
    return {d.strip() for d in response.get("Cache-Control", "").split(",") if d.strip()}


def vary(response):
    return {v.strip().lower() for v in response.get("Vary", "").split(",")}


def test_signed_in_pages_are_private_and_not_stored(client_for, world):
    response = client_for("writer").get(world.chapter.get_absolute_url())

    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)


def test_public_pages_for_anonymous_readers_may_be_cached(client, world):
    response = client.get(world.chapter.get_absolute_url())

    assert response.status_code == 200
    assert "no-store" not in directives(response)


def test_a_download_is_private_and_not_stored(client_for, world):
    response = client_for("admin").get(reverse("governance:participant_export", args=["csv"]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert {"private", "no-store"} <= directives(response)


def test_a_download_for_an_anonymous_reader_is_not_stored_either(rf: RequestFactory):
    def download(request):
        response = HttpResponse(b"%PDF-", content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="agenda.pdf"'
        return response

    response = ResponseHeadersMiddleware(download)(rf.get("/export/agenda.pdf"))

    assert {"private", "no-store"} <= directives(response)


def test_pages_and_htmx_responses_vary_on_hx_request(client, world):
    url = world.chapter.get_absolute_url()

    full = client.get(url)
    fragment = client.get(url, HTTP_HX_REQUEST="true")

    assert "hx-request" in vary(full)
    assert "hx-request" in vary(fragment)


def test_every_page_switches_off_camera_microphone_and_location(client, db):
    for url in ["/", reverse("login"), "/bestaat-niet/"]:
        policy = client.get(url)["Permissions-Policy"]
        for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"]:
            assert feature in policy, (url, feature)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gunicorn_sends_no_server_banner(tmp_path):
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)},
        "DJANGO_SETTINGS_MODULE": "netwerkagenda.test_settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'gunicorn.sqlite3'}",
        "CELERY_BROKER_URL": "",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "netwerkagenda/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "netwerkagenda.wsgi:application"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        response = None
        deadline = time.monotonic() + 30
        while response is None and time.monotonic() < deadline:
            try:
                response = urllib.request.urlopen(f"http://127.0.0.1:{port}/gezond/", timeout=5)
            except OSError:
                if server.poll() is not None:
                    pytest.fail(server.stderr.read().decode())
                time.sleep(0.2)
        assert response is not None, "gunicorn did not answer"
        assert response.status == 200
        assert "Server" not in response.headers
        assert "camera=()" in response.headers["Permissions-Policy"]
    finally:
        server.terminate()
        server.wait(timeout=10)
