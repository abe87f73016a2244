"""Settings for the test suite: the real settings, with a fast hasher and eager Celery.

Tests that need a real worker start one themselves (tests/opgaven/test_pdf_worker.py)."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("SECURE", "false")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
# Establishing renders no PDFs unless a test asks for it (tests/opgaven/test_public_documents.py).
PUBLIC_PDF_EXPORTS = False
# Every test client comes from 127.0.0.1: the API's throttle is tested on its own.
API_THROTTLE_ANON = API_THROTTLE_USER = "100000/minute"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="netwerkagenda-media-")
BACKUP_DIR = tempfile.mkdtemp(prefix="netwerkagenda-backups-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False}
