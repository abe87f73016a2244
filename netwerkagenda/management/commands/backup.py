"""`manage.py backup [--out FILE]`: the database and the stored files in one file."""

from django.core.management.base import BaseCommand, CommandError

from netwerkagenda.backup import BackupError, rotation
from netwerkagenda.backup.services import make_backup


class Command(BaseCommand):
    help = ("Maakt een back-up van de database en de opgeslagen bestanden (exports, uploads) in één bestand, "
            "met een manifest (versie, migraties, tijd, controlesommen).")

    def add_arguments(self, parser):
        parser.add_argument("--out", help="het bestand dat wordt geschreven (standaard: een nieuw bestand in "
                                          "BACKUP_DIR)")
        parser.add_argument("--rotate", action="store_true",
                            help="ruim daarna oude back-ups in BACKUP_DIR op volgens BACKUP_KEEP_*")

    def handle(self, *args, out=None, rotate=False, **options):
        try:
            path, manifest = make_backup(out)
            removed = rotation.rotate(path.parent) if rotate else []
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        size = path.stat().st_size
        self.stdout.write(self.style.SUCCESS(
            f"Back-up geschreven: {path} ({size // 1024} kB, versie {manifest.portal_version}, "
            f"{_files(manifest)})."))
        for old in removed:
            self.stdout.write(f"Opgeruimd: {old.name}")


def _files(manifest):
    count = len(manifest.files)
    return f"{count} {'opgeslagen bestand' if count == 1 else 'opgeslagen bestanden'}"
