"""Keep an upload on the server between preview and confirmation.

The file goes to a private directory under a random name; the session maps the token in the
URL to it, so only the user who uploaded it can confirm it and nothing is re-posted."""

import secrets
import tempfile
import time
from pathlib import Path

from django.conf import settings

SESSION_KEY = "participant_imports"
MAX_AGE_SECONDS = 24 * 60 * 60


def upload_dir() -> Path:
    directory = Path(getattr(settings, "IMPORT_UPLOAD_DIR", "")
                     or Path(tempfile.gettempdir()) / "netwerkagenda-imports")
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def store(request, data: bytes, *, filename, edition_id, invite, include_anonymised=False) -> str:
    _remove_stale()
    token = secrets.token_urlsafe(18)
    (upload_dir() / token).write_bytes(data)
    imports = request.session.get(SESSION_KEY, {})
    imports[token] = {"filename": filename[:200], "edition_id": edition_id, "invite": bool(invite),
                      "include_anonymised": bool(include_anonymised)}
    request.session[SESSION_KEY] = imports
    return token


def load(request, token):
    """(metadata, bytes) for a token of this session, or None."""
    meta = request.session.get(SESSION_KEY, {}).get(token)
    path = upload_dir() / token
    if meta is None or not token.replace("-", "").replace("_", "").isalnum() or not path.is_file():
        return None
    return meta, path.read_bytes()


def discard(request, token):
    imports = request.session.get(SESSION_KEY, {})
    imports.pop(token, None)
    request.session[SESSION_KEY] = imports
    (upload_dir() / token).unlink(missing_ok=True)


def _remove_stale():
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in upload_dir().iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            pass
