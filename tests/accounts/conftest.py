"""The OpenID Connect provider (tests/oidc_provider.py) on the live server, and the portal set up
to sign on with it as it would be from OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET."""

import pytest

from tests import oidc_provider

CLIENT_ID = "netwerkagenda-portaal"
CLIENT_SECRET = "geheim-van-de-test"
CALLBACK = "/account/oidc/netwerk/login/callback/"


@pytest.fixture
def network_provider(live_server, settings):
    """The provider at <live server>/idp, with the portal registered as its client."""
    from oauth2_provider.models import Application

    settings.ROOT_URLCONF = "tests.oidc_provider"
    oidc_provider.IDENTITIES.clear()
    Application.objects.create(
        name="Netwerkagenda", client_id=CLIENT_ID, client_secret=CLIENT_SECRET, hash_client_secret=False,
        client_type=Application.CLIENT_CONFIDENTIAL, authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=live_server.url + CALLBACK, algorithm=Application.RS256_ALGORITHM, skip_authorization=True,
    )
    # What settings.py makes of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET.
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [{
        "provider_id": "netwerk", "name": "Netwerkaccount", "client_id": CLIENT_ID, "secret": CLIENT_SECRET,
        "settings": {"server_url": f"{live_server.url}/idp", "oauth_pkce_enabled": True},
    }]}}
    yield live_server.url
    oidc_provider.IDENTITIES.clear()
