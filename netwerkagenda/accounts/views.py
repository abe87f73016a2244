"""The login page: username and password, then allauth's login flow (its two-factor step)."""

from allauth.account.internal.flows.login import perform_password_login
from allauth.account.models import Login
from allauth.mfa.base.views import IndexView
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
