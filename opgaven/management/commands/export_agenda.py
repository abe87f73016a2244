"""`manage.py export_agenda --out agenda.pdf [--edition 2021-2023 --year 2021 --chapter slug]`."""

from django.core.management.base import BaseCommand, CommandError

from opgaven.models import Edition
from opgaven.pdf.services import export_to_file


class Command(BaseCommand):
    help = "Maakt de Netwerkagenda (of één onderdeel) als PDF, zoals de export in de portal."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="het PDF-bestand dat wordt geschreven")
        parser.add_argument("--edition", help="slug van de editie (standaard: de nieuwste)")
        parser.add_argument("--year", type=int, help="jaar van het jaarprogramma (standaard: het eerste)")
        parser.add_argument("--chapter", help="slug van één onderdeel")

    def handle(self, *args, out, edition=None, year=None, chapter=None, **options):
        editions = Edition.objects.all()
        found = editions.filter(slug=edition).first() if edition else editions.first()
        if found is None:
            raise CommandError(f"Editie {edition!r} bestaat niet." if edition else "Er is nog geen editie.")
        year = year or found.start_year
        if year not in found.years:
            raise CommandError(f"{year} valt buiten de editie {found.slug} ({found.start_year}-{found.end_year}).")
        chapter_obj = None
        if chapter:
            chapter_obj = found.chapters.filter(slug=chapter).first()
            if chapter_obj is None:
                raise CommandError(f"Onderdeel {chapter!r} bestaat niet in editie {found.slug}.")
        size = export_to_file(edition=found, year=year, out=out, chapter=chapter_obj)
        self.stdout.write(self.style.SUCCESS(f"{out} geschreven ({size // 1024} kB)."))
