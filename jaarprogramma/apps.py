from django.apps import AppConfig


class JaarprogrammaConfig(AppConfig):
    name = "jaarprogramma"
    verbose_name = "Jaarprogramma's"

    def ready(self):
        from jaarprogramma import editables  # noqa: F401 - registers the editable kinds
