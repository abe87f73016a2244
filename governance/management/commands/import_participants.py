from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from governance import participant_lists
from governance.imports.readers import MAX_UPLOAD_BYTES
from governance.imports.report import preview_lines
from governance.imports.services import import_participants


class Command(BaseCommand):
    help = "Importeer een deelnemerslijst (XLSX, ODS of CSV): alles of niets."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Toon alleen wat er zou veranderen.")
        parser.add_argument("--edition", help="Slug van de editie (standaard de nieuwste).")
        parser.add_argument("--no-edition", action="store_true", help="Voeg niemand toe aan een editie.")
        parser.add_argument("--create-organisations", action="store_true",
                            help="Maak onbekende organisaties aan met het voorgestelde type.")
        parser.add_argument("--invite", action="store_true", help="Maak accounts aan en stuur uitnodigingen.")
        parser.add_argument("--include-anonymised", action="store_true",
                            help="Neem ook rijen op over mensen die op hun verzoek zijn geanonimiseerd (AVG); "
                                 "zonder deze optie worden die overgeslagen.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {path}")
        if path.stat().st_size > MAX_UPLOAD_BYTES:
            raise CommandError(f"Het bestand is groter dan {MAX_UPLOAD_BYTES // 2**20} MB.")
        edition = None
        if not options["no_edition"]:
            edition = (participant_lists.get(slug=options["edition"]) if options["edition"]
                       else participant_lists.newest())
            if options["edition"] and edition is None:
                raise CommandError(f"Onbekende editie: {options['edition']}")
        result = import_participants(
            file=path.read_bytes(), filename=path.name, edition=edition, dry_run=options["dry_run"],
            create_organisations=options["create_organisations"], invite=options["invite"],
            include_anonymised=options["include_anonymised"],
        )
        for line in preview_lines(result):
            self.stdout.write(line)
        if result.errors:
            raise CommandError("Er is niets opgeslagen.")
        if result.saved:
            self.stdout.write(self.style.SUCCESS("Import opgeslagen."))
