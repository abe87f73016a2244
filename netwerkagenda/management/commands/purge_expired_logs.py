"""`manage.py purge_expired_logs`: what the nightly task does, by hand."""

from django.core.management.base import BaseCommand

from netwerkagenda.privacy.retention import purge_expired_logs


class Command(BaseCommand):
    help = ("Verwijdert aanmeldlogs, aanmeldpogingen en het beheerlog van na hun bewaartermijn "
            "(SIGNIN_LOG_RETENTION_DAYS, AUDIT_LOG_RETENTION_DAYS) en verlopen sessies.")

    def handle(self, *args, **options):
        for what, count in purge_expired_logs().items():
            self.stdout.write(f"{what}: {count} verwijderd")
