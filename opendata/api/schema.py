"""How the OpenAPI schema describes our personal API keys."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "opendata.api.authentication.ApiTokenAuthentication"
    name = "apiSleutel"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Een persoonlijke API-sleutel van uw profielpagina, als `Token <sleutel>`.",
        }
