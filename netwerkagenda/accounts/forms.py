"""allauth.mfa's forms, where the portal needs more of them."""

from allauth.account.internal.flows.login import record_authentication
from allauth.core import context
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.forms import ActivateTOTPForm as BaseActivateTOTPForm


class ActivateTOTPForm(BaseActivateTOTPForm):
    """Setting up the authenticator app proves the second factor for this session: the code just
    entered was checked as a sign-in code is, so whoever was sent here can go on at once."""

    def clean_code(self):
        code = super().clean_code()
        record_authentication(context.request, self.user, "mfa", type=Authenticator.Type.TOTP)
        return code
