"""allauth.mfa's forms, where the portal needs more of them."""

from allauth.account.internal.flows.login import record_authentication
from allauth.core import context
from allauth.mfa.base import forms as base_forms
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.forms import ActivateTOTPForm as BaseActivateTOTPForm
from allauth.mfa.webauthn import forms as webauthn_forms
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .signals import second_factor_failed


class ActivateTOTPForm(BaseActivateTOTPForm):
    """Setting up the authenticator app proves the second factor for this session: the code just
    entered was checked as a sign-in code is, so whoever was sent here can go on at once."""

    def clean_code(self):
        code = super().clean_code()
        record_authentication(context.request, self.user, "mfa", type=Authenticator.Type.TOTP)
        return code


class AddWebAuthnForm(webauthn_forms.AddWebAuthnForm):
    """Adding a security key proves it, as setting up the app does: the key just answered the
    portal's challenge. The name is the person's own, to tell their keys apart."""

    name = forms.CharField(label=_("Naam van de sleutel"), max_length=100, required=False,
                           help_text=_("Bijvoorbeeld ‘YubiKey’ of ‘Laptop van het werk’: zo houdt u uw sleutels "
                                       "uit elkaar."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Posted without the key's answer (Enter in the name field, or no JavaScript).
        self.fields["credential"].error_messages["required"] = _(
            "Kies ‘Sleutel toevoegen’ en bevestig met uw sleutel of passkey wanneer uw browser erom vraagt.")

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("credential") and not self._errors:
            record_authentication(context.request, self.user, "mfa", type=Authenticator.Type.WEBAUTHN)
        return cleaned_data


class EditWebAuthnForm(webauthn_forms.EditWebAuthnForm):
    name = forms.CharField(label=_("Naam van de sleutel"), max_length=100)


KEY_REFUSED = _("Deze beveiligingssleutel is niet aanvaard. Probeer het opnieuw met een sleutel die u voor dit "
                "account hebt toegevoegd, of gebruik een code.")


class _ReportsFailures:
    """A failed second step is reported (second_factor_failed) once per attempt, whether the code
    or key was wrong or the attempt was refused after too many wrong ones."""

    method = "code"
    reauthentication = False

    def _reported(self, check):
        try:
            return check()
        except ValidationError as error:
            refused = any(e.code == "too_many_login_attempts" for e in error.error_list)
            second_factor_failed.send(
                sender=type(self), request=context.request, user=self.user, method=self.method, refused=refused,
                reauthentication=self.reauthentication,
            )
            if self.method == "beveiligingssleutel" and not refused:
                raise ValidationError(KEY_REFUSED, code="incorrect_code") from error
            raise


class AuthenticateForm(_ReportsFailures, base_forms.AuthenticateForm):
    def clean_code(self):
        return self._reported(super().clean_code)


class ReauthenticateForm(_ReportsFailures, base_forms.ReauthenticateForm):
    reauthentication = True

    def clean_code(self):
        return self._reported(super().clean_code)


class AuthenticateWebAuthnForm(_ReportsFailures, webauthn_forms.AuthenticateWebAuthnForm):
    method = "beveiligingssleutel"

    def clean_credential(self):
        return self._reported(super().clean_credential)


class ReauthenticateWebAuthnForm(_ReportsFailures, webauthn_forms.ReauthenticateWebAuthnForm):
    method = "beveiligingssleutel"
    reauthentication = True

    def clean_credential(self):
        return self._reported(super().clean_credential)
