"""Signing in as a person would: password, then the code an authenticator app shows."""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from netwerkagenda.accounts.middleware import SESSION_KEY

PASSWORD = "correct horse battery"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret=SECRET, offset=0):
    """What the app shows now (offset: that many 30-second steps later)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def set_up_app(user, secret=SECRET):
    """The account has set up its authenticator app, with recovery codes; returns the codes."""
    TOTP.activate(user, secret)
    return RecoveryCodes.activate(user).generate_codes()


def has_app(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def without_second_step(client, user):
    """`client` signed in as `user` by password only (the admin's own login form, say): the
    session lacks what the test client's force_login adds (tests/conftest.py)."""
    client.force_login(user)
    session = client.session
    del session[SESSION_KEY]
    session.save()
    return client
