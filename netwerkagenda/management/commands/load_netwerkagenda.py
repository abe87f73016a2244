from django.core.management.base import BaseCommand, CommandError

from netwerkagenda.loader import FIXTURES, Loader


class Command(BaseCommand):
    help = "Laadt de Netwerkagenda 2021-2023 uit fixtures/ (twee keer laden verandert niets)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(FIXTURES), help="Map met de fixtures")

    def handle(self, *args, **options):
        try:
            report = Loader(options["dir"]).load()
        except (OSError, KeyError, ValueError) as exc:
            raise CommandError(f"De agenda kon niet worden geladen: {exc}") from exc
        if options["verbosity"] == 0:
            return
        if not report.changed:
            self.stdout.write("De agenda was al geladen; er is niets veranderd.")
            return
        for label, counts in (("Nieuw", report.created), ("Bijgewerkt", report.updated)):
            for name, n in sorted(counts.items()):
                self.stdout.write(f"{label}: {n} {name}")
        self.stdout.write(self.style.SUCCESS("De Netwerkagenda is geladen."))
