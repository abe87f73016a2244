from django.core.management.base import BaseCommand, CommandError

from monitoring.loader import FIXTURE, PROGRESS_FIXTURE, load_monitoring


class Command(BaseCommand):
    help = ("Laadt de verbindingen uit de tekst, de eigenaars van indicatoren, nulmetingen en "
            "rapportageperiodes uit fixtures/monitoring.yaml en de gemelde voortgang uit fixtures/progress.yaml.")

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(FIXTURE))
        parser.add_argument("--progress", default=str(PROGRESS_FIXTURE),
                            help="Voortgang uit gepubliceerde berichten; leeg: geen.")

    def handle(self, *args, **options):
        try:
            report = load_monitoring(options["file"], options["progress"] or None)
        except (OSError, KeyError, ValueError) as exc:
            raise CommandError(f"De monitoringgegevens konden niet worden geladen: {exc}") from exc
        for skipped in report.skipped:
            self.stderr.write(f"Overgeslagen: {skipped}")
        if not options["verbosity"]:
            return
        for name, n in sorted(report.created.items()):
            self.stdout.write(f"Nieuw: {n} {name}")
        self.stdout.write(self.style.SUCCESS("De monitoringgegevens zijn geladen."))
