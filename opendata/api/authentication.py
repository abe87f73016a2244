from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from opendata import tokens


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token <key>` (or `Bearer <key>`): a personal key from the profile page."""

    keywords = ("token", "bearer")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Geef na ‘Token’ precies één API-sleutel mee."))
        token = tokens.find_token(header[1])
        if token is None:
            raise exceptions.AuthenticationFailed(_("Deze API-sleutel is onbekend."))
        if not token.is_active:
            raise exceptions.AuthenticationFailed(_("Deze API-sleutel is ingetrokken."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Het account van deze API-sleutel is niet actief."))
        tokens.touch(token)
        return token.user, token

    def authenticate_header(self, request):
        return 'Token realm="api"'
