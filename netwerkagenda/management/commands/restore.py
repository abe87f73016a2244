"""`manage.py restore FILE`: everything back as it was in the backup, or nothing at all."""

from django.core.management.base import BaseCommand, CommandError

from netwerkagenda.backup import BackupError
from netwerkagenda.backup.restore import check_backup, restore_backup


class Command(BaseCommand):
    help = ("Herstelt een back-up (database en opgeslagen bestanden). Controleert eerst het manifest en de "
            "controlesommen; voert daarna de migraties uit die deze versie nodig heeft. Lukt iets niet, dan blijft "
            "alles zoals het was. Stop web en worker voordat u herstelt.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="het back-upbestand")
        parser.add_argument("--check", action="store_true",
                            help="controleer het bestand alleen; er wordt niets hersteld")
        parser.add_argument("--keep-previous", action="store_true",
                            help="bewaar de database en bestanden van vóór het herstel (standaard: verwijderd)")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help="niet om bevestiging vragen")

    def handle(self, *args, file, check=False, keep_previous=False, interactive=True, **options):
        try:
            manifest = check_backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Back-up van {manifest.created_at}, portaalversie {manifest.portal_version}, "
                          f"{_files(manifest)}: in orde.")
        if check:
            return
        if interactive:
            answer = input("Alle huidige gegevens worden vervangen door die uit de back-up. Doorgaan? [ja/nee] ")
            if answer.strip().lower() not in ("ja", "j", "yes", "y"):
                raise CommandError("Afgebroken; er is niets hersteld.")
        try:
            result = restore_backup(file, keep_previous=keep_previous)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for name in result.migrated:
            self.stdout.write(f"Migratie uitgevoerd: {name}")
        if result.previous_database:
            self.stdout.write(f"De vorige database is bewaard als {result.previous_database}.")
        if result.previous_media:
            self.stdout.write(f"De vorige bestanden staan in {result.previous_media}.")
        if result.erasures:
            self.stdout.write(f"Opnieuw geanonimiseerd (AVG-verzoeken van na de back-up): {len(result.erasures)}.")
        self.stdout.write(self.style.SUCCESS("De back-up is hersteld."))


def _files(manifest):
    count = len(manifest.files)
    return f"{count} {'opgeslagen bestand' if count == 1 else 'opgeslagen bestanden'}"
