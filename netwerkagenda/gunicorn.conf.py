"""gunicorn settings for the web container: `gunicorn -c netwerkagenda/gunicorn.conf.py
netwerkagenda.wsgi:application` (Dockerfile, docker-compose.yml)."""

import os

bind = "0.0.0.0:8000"
# gunicorn's own variable; its default would be one worker.
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# A request that takes longer is stuck; the worker is replaced.
timeout = 60
accesslog = "-"


def _without_server_header(default_headers):
    def headers(response):
        return [line for line in default_headers(response) if not line.lower().startswith("server:")]

    return headers


def post_worker_init(worker):
    """No `Server: gunicorn` banner: gunicorn has no setting for it, so each worker drops the
    line from the headers it writes itself (HTTP/1.1; HTTP/2 is not enabled here)."""
    from gunicorn.http import wsgi

    if not getattr(wsgi.Response.default_headers, "without_server", False):
        wsgi.Response.default_headers = _without_server_header(wsgi.Response.default_headers)
        wsgi.Response.default_headers.without_server = True
