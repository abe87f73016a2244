import sys

from django.core.management.base import BaseCommand, CommandError

from governance import participant_lists
from governance.imports.exports import export_participants


class Command(BaseCommand):
    help = "Exporteer de deelnemerslijst als CSV of XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--edition", help="Alleen de deelnemers van deze editie (slug).")
        parser.add_argument("--output", "-o", help="Bestand; standaard de standaarduitvoer.")

    def handle(self, *args, **options):
        edition = None
        if options["edition"]:
            edition = participant_lists.get(slug=options["edition"])
            if edition is None:
                raise CommandError(f"Onbekende editie: {options['edition']}")
        data = export_participants(file_format=options["format"], edition=edition)
        if options["output"]:
            with open(options["output"], "wb") as fh:
                fh.write(data)
        elif options["format"] == "csv":
            self.stdout.write(data.decode("utf-8-sig"), ending="")
        else:
            if sys.stdout.isatty():
                raise CommandError("XLSX is binair: geef --output BESTAND op.")
            sys.stdout.buffer.write(data)
