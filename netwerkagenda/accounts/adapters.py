"""django-allauth adapters: no sign-up, and sign-on only for people the import knows."""

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from governance import services
from governance.access import needs_two_factor

UNVERIFIED = _("Uw netwerkaccount heeft geen bevestigd e-mailadres. Bevestig eerst uw e-mailadres bij uw "
               "netwerkaccount en probeer het dan opnieuw.")
UNKNOWN = _("Er is geen deelnemer van de Netwerkagenda met dit e-mailadres bekend. Vraag de beheerder om u "
            "toe te voegen, of log in met uw gebruikersnaam en wachtwoord.")
INACTIVE = _("Dit account is niet actief. Neem contact op met de beheerder.")

# What counts as a second factor; recovery codes only stand in for one.
SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "incorrect_password": _("Dit wachtwoord klopt niet."),
        "too_many_login_attempts": _("Te veel onjuiste codes. Wacht een paar minuten en probeer het dan opnieuw."),
        "rate_limited": _("Te veel pogingen achter elkaar. Wacht even en probeer het dan opnieuw."),
    }

    def is_open_for_signup(self, request):
        # Accounts come from the participant import (governance.imports), never from a form.
        return False

    def is_reauthentication_required(self, app=""):
        """Not right after signing in: whoever was just sent to set up the app has just given
        their password (or signed on with the network's account, which has no password here)."""
        request = context.request
        records = get_authentication_records(request, request.user) if request is not None else []
        if records and time.time() - records[-1]["at"] < account_settings.REAUTHENTICATION_TIMEOUT:
            return False
        return super().is_reauthentication_required(app=app)


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _(
            "Voor uw rol is tweestapsverificatie verplicht: u kunt die niet uitschakelen. Voeg eerst een "
            "beveiligingssleutel of de authenticator-app toe als u deze wilt vervangen."
        ),
        "cannot_generate_recovery_codes": _(
            "Stel eerst een authenticator-app of beveiligingssleutel in; dan krijgt u herstelcodes."
        ),
        "incorrect_code": _("Deze code klopt niet. Controleer de tijd op uw telefoon, of gebruik een herstelcode."),
    }

    def can_delete_authenticator(self, authenticator):
        """Whoever must use two factors (governance.access.needs_two_factor) keeps at least one:
        the app or a security key may go only while another of them stays. Recovery codes alone
        are no second factor (allauth removes them with the last one)."""
        if not needs_two_factor(authenticator.user):
            return True
        factors = Authenticator.objects.filter(user_id=authenticator.user_id, type__in=SECOND_FACTORS)
        return factors.exclude(pk=authenticator.pk).exists()

    def generate_authenticator_name(self, user, type):
        n = Authenticator.objects.filter(user_id=user.pk, type=type).count()
        return gettext("Beveiligingssleutel") if n == 0 else gettext("Sleutel %(number)s") % {"number": n + 1}

    def get_public_key_credential_rp_entity(self):
        # The name a browser or key shows when it asks to confirm (not the host name).
        return {**super().get_public_key_credential_rp_entity(), "name": "Netwerkagenda"}


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        return False

    def pre_social_login(self, request, sociallogin):
        verified = [address.email for address in sociallogin.email_addresses if address.verified]
        if not verified:
            _refuse(request, UNVERIFIED)
        if sociallogin.is_existing:
            account = sociallogin.user
        else:
            account = next(filter(None, map(services.account_for_verified_email, verified)), None)
            if account is None:
                _refuse(request, UNKNOWN)
        if not account.is_active:
            _refuse(request, INACTIVE)
        if not sociallogin.is_existing:
            sociallogin.connect(request, account)


def _refuse(request, message):
    raise ImmediateHttpResponse(render(request, "socialaccount/refused.html", {"message": message}, status=403))
