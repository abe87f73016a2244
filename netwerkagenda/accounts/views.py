"""The login page: username and password, then allauth's login flow (its two-factor step); the
two-factor pages where the portal says more than allauth's views do."""

from allauth.account.internal.flows.login import perform_password_login
from allauth.account.models import Login
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.base.views import AuthenticateView, IndexView, ReauthenticateView
from allauth.mfa.models import Authenticator
from allauth.mfa.webauthn.views import RemoveWebAuthnView
from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from django.contrib.auth import views as auth_views
from django.urls import reverse

from governance.access import needs_two_factor


class LoginView(auth_views.LoginView):
    """Django's login form, so django-axes sees every attempt through `authenticate` and the
    page keeps its fields; a correct password hands the account to allauth, which asks for the
    second factor (when set up) before the session is signed in."""

    def form_valid(self, form):
        user = form.get_user()
        login = Login(user=user, redirect_url=self.get_success_url())
        return perform_password_login(self.request, {"username": user.get_username()}, login)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["network_sign_on"] = [
            {"name": app.name, "url": reverse("openid_connect_login", kwargs={"provider_id": app.provider_id})}
            for app in get_social_adapter().list_apps(self.request, provider="openid_connect")
        ]
        return context


login = LoginView.as_view()


class TwoFactorView(IndexView):
    """allauth's overview of the second factors, saying whether the account must have one."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "two_factor_required": needs_two_factor(self.request.user)}


two_factor = TwoFactorView.as_view()


def _factors(user):
    types = set(Authenticator.objects.filter(user_id=user.pk).values_list("type", flat=True))
    return {"has_app": Authenticator.Type.TOTP in types, "has_security_key": Authenticator.Type.WEBAUTHN in types}


class SecondStepView(AuthenticateView):
    """The second step of signing in: the code, or a security key for whoever has added one."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **_factors(self.stage.login.user)}


second_step = SecondStepView.as_view()


class ConfirmSecondStepView(ReauthenticateView):
    """Confirming the second factor again; whoever has a security key may use it instead."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **_factors(self.request.user)}


confirm_second_step = ConfirmSecondStepView.as_view()


class RemoveSecurityKeyView(RemoveWebAuthnView):
    """allauth removes a key without asking the adapter: whoever must use two factors keeps one."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs),
                "can_delete": get_mfa_adapter().can_delete_authenticator(self.object)}

    def form_valid(self, form):
        adapter = get_mfa_adapter()
        if not adapter.can_delete_authenticator(self.object):
            form.add_error(None, adapter.error_messages["cannot_delete_authenticator"])
            return self.form_invalid(form)
        return super().form_valid(form)


remove_security_key = RemoveSecurityKeyView.as_view()
