"""A real OpenID Connect provider for the sign-on tests: django-oauth-toolkit, mounted under
/idp/ beside the portal on pytest's live server (ROOT_URLCONF = "tests.oidc_provider").

The provider keeps its own sign-in, apart from the portal's session: whoever signs in at
/idp/inloggen/ is the provider's identity (an account named "idp-…" with no e-mail of its
own), and the claims it hands out come from IDENTITIES, which the tests fill. So the portal
sees only what a real provider would send: a subject, an e-mail and whether it is verified."""

from urllib.parse import quote

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import include, path
from django.utils.html import escape
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider.oauth2_validators import OAuth2Validator
from oauth2_provider.views import AuthorizationView

from netwerkagenda.urls import urlpatterns as portal_urlpatterns

SESSION_KEY = "idp_identity"
PASSWORD = "idp-wachtwoord"
# "idp-<name>" → {"email": …, "email_verified": …}
IDENTITIES: dict = {}


def add_identity(name, email, verified=True):
    """An account at the provider; returns its username there."""
    username = f"idp-{name}"
    identity, created = get_user_model().objects.get_or_create(username=username)
    if created:
        identity.set_password(PASSWORD)
        identity.save()
    IDENTITIES[username] = {"email": email, "email_verified": verified}
    return username


class ClaimsValidator(OAuth2Validator):
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "email": "email", "email_verified": "email"}

    def get_additional_claims(self, request):
        return dict(IDENTITIES.get(request.user.username, {}))


class Authorize(AuthorizationView):
    """The authorisation endpoint, for whoever signed in at the provider (not the portal)."""

    def dispatch(self, request, *args, **kwargs):
        username = request.session.get(SESSION_KEY)
        if username is None:
            return redirect(f"/idp/inloggen/?next={quote(request.get_full_path())}")
        request.user = get_user_model().objects.get(username=username)
        return super().dispatch(request, *args, **kwargs)


LOGIN_PAGE = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Netwerkaccount</title></head>
<body><main><h1>Inloggen bij het netwerk</h1><p>{error}</p><form method="post">
<p><label for="idp-naam">Netwerknaam</label> <input id="idp-naam" name="username" required></p>
<p><label for="idp-wachtwoord">Netwerkwachtwoord</label>
<input id="idp-wachtwoord" name="password" type="password" required></p>
<input type="hidden" name="next" value="{next}"><p><button type="submit">Verder</button></p>
</form></main></body></html>"""


@csrf_exempt  # the provider's own form: not the portal's concern
def idp_login(request):
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    error = ""
    if request.method == "POST":
        identity = get_user_model().objects.filter(username=request.POST.get("username")).first()
        if identity and identity.username in IDENTITIES and identity.check_password(request.POST.get("password", "")):
            request.session[SESSION_KEY] = identity.username
            return redirect(next_url if next_url.startswith("/idp/") else "/")
        error = "Onbekende netwerknaam of wachtwoord."
    return HttpResponse(LOGIN_PAGE.format(error=escape(error), next=escape(next_url)))


urlpatterns = [
    path("idp/authorize/", Authorize.as_view()),
    path("idp/inloggen/", idp_login),
    path("idp/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    *portal_urlpatterns,
]
