"""Accounts that must sign in with two factors use the portal only once this session proved one."""

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from governance.access import needs_two_factor

# Set once a session has proven a second factor, or its account needs none: from then on the
# check costs no query. A role gained during a session counts from the next sign-in.
SESSION_KEY = "netwerkagenda_two_factor_checked"

# Where an account without its second factor may still go: setting one up, and leaving.
OPEN = {"logout", "login", "account_login", "account_reauthenticate"}


def proven_second_factor(request, user) -> bool:
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, user))


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not request.session.get(SESSION_KEY):
            if proven_second_factor(request, user) or not needs_two_factor(user):
                request.session[SESSION_KEY] = True
            elif not self._open(request):
                return self._send_to_second_factor(request, user)
        return self.get_response(request)

    def _open(self, request):
        try:
            name = resolve(request.path_info).url_name
        except Resolver404:
            return False
        return name in OPEN or name.startswith("mfa_")

    def _send_to_second_factor(self, request, user):
        query = "?" + urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        # Signed in some other way (the admin's own login form): the code or the key first.
        if is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            return redirect(f"{reverse('mfa_reauthenticate')}{query}")
        if is_mfa_enabled(user, [Authenticator.Type.WEBAUTHN]):
            return redirect(f"{reverse('mfa_reauthenticate_webauthn')}{query}")
        messages.info(request, _("Voor uw rol in de Netwerkagenda is tweestapsverificatie verplicht. Stel die nu "
                                 "in met een authenticator-app of een beveiligingssleutel; daarna kunt u verder."))
        return redirect(reverse("mfa_activate_totp"))
