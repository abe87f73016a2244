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

# The OpenID Connect provider the sign-on tests start (tests/oidc_provider.py): django-oauth-toolkit,
# a test dependency, signing its ID tokens with a key made for this run.
INSTALLED_APPS = [*INSTALLED_APPS, "oauth2_provider"]  # noqa: F405


def _signing_key():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": _signing_key(),
    "SCOPES": {"openid": "OpenID Connect", "profile": "Profiel", "email": "E-mailadres"},
    "OAUTH2_VALIDATOR_CLASS": "tests.oidc_provider.ClaimsValidator",
}
