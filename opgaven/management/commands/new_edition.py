from django.core.management.base import BaseCommand, CommandError

from opgaven.editions import create_next_edition
from opgaven.models import Edition


class Command(BaseCommand):
    help = "Maak een nieuwe editie van de Netwerkagenda op basis van de vorige (als concept)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="bijvoorbeeld 2024-2027")
        parser.add_argument("--title", required=True)
        parser.add_argument("--from", dest="previous", help="de vorige editie (standaard: de nieuwste)")

    def handle(self, slug, title, previous=None, **options):
        try:
            start, end = (int(part) for part in slug.split("-"))
        except ValueError:
            raise CommandError("De editie heet naar haar jaren, zoals 2024-2027.") from None
        if Edition.objects.filter(slug=slug).exists():
            raise CommandError(f"Editie {slug} bestaat al.")
        source = Edition.objects.filter(slug=previous).first() if previous else Edition.objects.newest()
        if source is None:
            raise CommandError("Er is geen vorige editie om op voort te bouwen.")
        edition = create_next_edition(previous=source, slug=slug, title=title, start_year=start, end_year=end)
        self.stdout.write(f"Editie {edition.slug} is aangemaakt op basis van {source.slug}.")
