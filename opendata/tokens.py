"""Personal API keys: made and revoked by their holder on the profile page."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import ApiToken, hash_key

PREFIX = "na_"
# How often using a key is written down: once a minute is enough to see a key is in use.
TOUCH_EVERY = timedelta(minutes=1)


@transaction.atomic
def create_token(*, user, name):
    """A new key for `user`; returns (token, key). The key is not stored and cannot be shown again."""
    key = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip(), prefix=key[:len(PREFIX) + 6], key_hash=hash_key(key))
    token.full_clean()
    token.save()
    return token, key


@transaction.atomic
def revoke_token(*, token):
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def find_token(key):
    """The token for this key (revoked or not), or None."""
    if not key or not key.startswith(PREFIX):
        return None
    return ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()


def touch(token, now=None):
    now = now or timezone.now()
    if token.last_used_at is None or token.last_used_at < now - TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
