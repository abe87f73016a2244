from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = "Reactierondes"

    def ready(self):
        from feedback import decisions, notifications, pdf, suggestions

        decisions.register()
        notifications.connect()
        pdf.register()
        suggestions.connect()
