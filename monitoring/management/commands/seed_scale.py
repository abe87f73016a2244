import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from monitoring import network
from monitoring.scale import clear_synthetic, seed_scale
from opgaven.models import Edition


class Command(BaseCommand):
    help = ("Maakt een synthetische agenda van N keer de echte omvang (voor benchmarks). "
            "Eerdere synthetische gegevens worden eerst verwijderd; --factor 1 ruimt alleen op. "
            "--network bouwt wat het portaal na jaren gebruik bevat: drie edities met elk drie "
            "jaarprogramma's, ~150 bibliotheken, medewerkers, voortgang per kwartaal en geschiedenis.")

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=int, default=10)
        parser.add_argument("--network", action="store_true",
                            help="Netwerkschaal (eenmalig, op de echte agenda; niet samen met --factor).")
        parser.add_argument("--size", choices=sorted(network.SIZES), default="full",
                            help="Met --network: 'small' heeft dezelfde vorm in het klein (voor tests).")

    def handle(self, *args, factor, network: bool = False, size="full", verbosity=1, **options):
        if factor < 1:
            raise CommandError("--factor moet 1 of meer zijn.")
        if not Edition.objects.exists():
            call_command("load_netwerkagenda", verbosity=0)
            call_command("load_monitoring", verbosity=0)
        if network:
            return self.network(size, verbosity)
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

    def network(self, size, verbosity):
        # The copies of --factor live in the current edition; the network builds on the real agenda.
        clear_synthetic()
        start = time.monotonic()

        def log(step):
            if verbosity > 1:
                self.stdout.write(f"{time.monotonic() - start:6.1f} s  {step}")

        try:
            counts = network.seed_network(size=size, log=log)
        except network.AlreadySeeded as exc:
            raise CommandError(str(exc)) from exc
        if not verbosity:
            return
        for name, n in counts.items():
            self.stdout.write(f"Netwerk: {n} {name}")
        self.stdout.write(self.style.SUCCESS(f"Netwerkschaal gebouwd in {time.monotonic() - start:.0f} s."))
