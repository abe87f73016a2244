from django.apps import AppConfig


class ZoekenConfig(AppConfig):
    name = "zoeken"
    verbose_name = "Zoeken"

    def ready(self):
        from zoeken import index, sources

        sources.register_builtin()
        index.connect()
