from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from monitoring.scale import clear_synthetic, seed_scale
from opgaven.models import Edition


class Command(BaseCommand):
    help = ("Maakt een synthetische agenda van N keer de echte omvang (voor benchmarks). "
            "Eerdere synthetische gegevens worden eerst verwijderd; --factor 1 ruimt alleen op.")

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=int, default=10)

    def handle(self, *args, factor, verbosity=1, **options):
        if factor < 1:
            raise CommandError("--factor moet 1 of meer zijn.")
        if not Edition.objects.exists():
            call_command("load_netwerkagenda", verbosity=0)
            call_command("load_monitoring", verbosity=0)
        if factor == 1:
            clear_synthetic()
            if verbosity:
                self.stdout.write("Synthetische gegevens verwijderd.")
            return
        counts = seed_scale(factor=factor)
        if not verbosity:
            return
        for name, n in counts.items():
            self.stdout.write(f"Synthetisch: {n} {name}")
        self.stdout.write(self.style.SUCCESS(f"De agenda is nu {factor} keer zo groot."))
