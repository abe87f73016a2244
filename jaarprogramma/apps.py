from django.apps import AppConfig


class JaarprogrammaConfig(AppConfig):
    name = "jaarprogramma"
    verbose_name = "Jaarprogramma's"
