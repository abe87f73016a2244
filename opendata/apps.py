from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = "Open data"

    def ready(self):
        from opendata import feeds
        from opendata.api import schema  # noqa: F401 - describes the API keys in the OpenAPI schema

        feeds.register_public_decisions()
