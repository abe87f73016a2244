from django.core.management.base import BaseCommand

from zoeken import index


class Command(BaseCommand):
    help = "Bouwt de zoekindex opnieuw op uit de vastgestelde versies, gremia en organisaties."

    def handle(self, *args, **options):
        count = index.rebuild_all()
        self.stdout.write(f"{count} zoekingangen")
