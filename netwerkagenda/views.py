import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.template import loader

logger = logging.getLogger(__name__)

OK, DOWN = "ok", "onbereikbaar"


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache():
    key = f"gezond-{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not return what was stored")
    cache.delete(key)


def _broker():
    from netwerkagenda.celery import app

    with app.connection_for_write(settings.CELERY_BROKER_URL) as broker:
        broker.ensure_connection(max_retries=1, timeout=3)


def _storage():
    # Exports are written here: the check writes too, as a full or read-only volume reads fine.
    name = default_storage.save(f"gezond/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)


def health(request):
    """For load balancers, compose and people: which services the portal reaches, as JSON.

    200 when all answer, 503 when one does not. The reasons go to the log, not to the public."""
    checks = {"database": _database, "cache": _cache, "storage": _storage}
    if settings.CELERY_BROKER_URL and not settings.CELERY_TASK_ALWAYS_EAGER:
        checks["broker"] = _broker
    results = {}
    for name, check in checks.items():
        try:
            check()
        except Exception:  # whatever a service raises, the answer is "down"
            logger.exception("Health check %s failed", name)
            results[name] = DOWN
        else:
            results[name] = OK
    down = sorted(name for name, result in results.items() if result != OK)
    return JsonResponse(
        {"status": OK if not down else DOWN, "checks": results, "down": down}, status=503 if down else 200
    )


def server_error(request):
    """500, rendered without the request: no context processor (session, user, messages) may
    touch a database that may well be the reason for the error."""
    return HttpResponseServerError(loader.render_to_string("500.html"))
