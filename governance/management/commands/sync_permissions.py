from django.core.management.base import BaseCommand

from governance import permissions


class Command(BaseCommand):
    help = "Leid alle rechten opnieuw af uit lidmaatschappen en organisaties."

    def handle(self, *args, **options):
        count = permissions.sync_all()
        self.stdout.write(f"Rechten bijgewerkt voor {count} gebruikers.")
