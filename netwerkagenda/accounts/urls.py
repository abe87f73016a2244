"""Everything under /account/: sign-in, two-factor set-up, sign-on and passwords.

Only the parts of django-allauth the portal uses are mounted (no sign-up, no e-mail
management), under the URL names allauth reverses."""

from allauth.account import views as account_views
from allauth.mfa.recovery_codes import views as recovery_views
from allauth.mfa.totp import views as totp_views
from allauth.mfa.webauthn import views as webauthn_views
from allauth.socialaccount import views as social_views
from allauth.socialaccount.providers.openid_connect import views as oidc_views
from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import RedirectView

from . import views

urlpatterns = [
    path("login/", views.login, name="login"),
    # The name allauth sends people to when a sign-in step has expired: our login page.
    path("login/vervolg/", RedirectView.as_view(pattern_name="login", query_string=True), name="account_login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password_reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("password_reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    # Confirming who you are again before changing the second factor.
    path("bevestigen/", account_views.reauthenticate, name="account_reauthenticate"),
    # Two-factor sign-in (allauth.mfa): the code after the password, and the set-up pages.
    path("tweestapsverificatie/", views.two_factor, name="mfa_index"),
    path("tweestapsverificatie/code/", views.second_step, name="mfa_authenticate"),
    path("tweestapsverificatie/bevestigen/", views.confirm_second_step, name="mfa_reauthenticate"),
    path("tweestapsverificatie/app/", totp_views.activate_totp, name="mfa_activate_totp"),
    path("tweestapsverificatie/app/uitschakelen/", totp_views.deactivate_totp, name="mfa_deactivate_totp"),
    path("tweestapsverificatie/herstelcodes/", recovery_views.view_recovery_codes, name="mfa_view_recovery_codes"),
    path("tweestapsverificatie/herstelcodes/nieuw/", recovery_views.generate_recovery_codes,
         name="mfa_generate_recovery_codes"),
    path("tweestapsverificatie/herstelcodes/download/", recovery_views.download_recovery_codes,
         name="mfa_download_recovery_codes"),
    # Security keys and passkeys (WebAuthn): listed on the overview, added, renamed and removed here.
    path("tweestapsverificatie/sleutels/", RedirectView.as_view(pattern_name="mfa_index"), name="mfa_list_webauthn"),
    path("tweestapsverificatie/sleutels/nieuw/", webauthn_views.add_webauthn, name="mfa_add_webauthn"),
    path("tweestapsverificatie/sleutels/bevestigen/", webauthn_views.reauthenticate_webauthn,
         name="mfa_reauthenticate_webauthn"),
    path("tweestapsverificatie/sleutels/<int:pk>/naam/", webauthn_views.edit_webauthn, name="mfa_edit_webauthn"),
    path("tweestapsverificatie/sleutels/<int:pk>/verwijderen/", views.remove_security_key, name="mfa_remove_webauthn"),
    # Sign-on with the network's accounts (OpenID Connect, settings.OIDC_*).
    path("oidc/<str:provider_id>/login/", oidc_views.login, name="openid_connect_login"),
    path("oidc/<str:provider_id>/login/callback/", oidc_views.callback, name="openid_connect_callback"),
    path("netwerkaccount/geannuleerd/", social_views.login_cancelled, name="socialaccount_login_cancelled"),
    path("netwerkaccount/mislukt/", social_views.login_error, name="socialaccount_login_error"),
]
