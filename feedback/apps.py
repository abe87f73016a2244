from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = "Reactierondes"

    def ready(self):
        from feedback import notifications, pdf, suggestions

        notifications.connect()
        pdf.register()
        suggestions.connect()
