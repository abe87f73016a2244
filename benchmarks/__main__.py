import argparse
import importlib
import os
import sys
import tempfile
from pathlib import Path

# The parts `make bench` runs, in order; BENCH_ARGS names some of them. One per line, so adding a
# part is adding a line: a module benchmarks/<name>.py with run(bench) yielding (figure, value, unit).
MODULES = [
    "chapter",
    "dashboard",
    "pdf",
    "imports",
    "markdown",
    "load",
    "pages",  # the pages at network scale against the real size: in a copy of the database
]


def setup_django():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    if not os.environ.get("DATABASE_URL"):
        db = Path(tempfile.mkdtemp(prefix="netwerkagenda-bench-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netwerkagenda.test_settings")
    import django

    django.setup()


def main():
    parser = argparse.ArgumentParser(description="Meet de prestaties van het portaal.")
    parser.add_argument("modules", nargs="*", default=MODULES, help=f"een of meer van {MODULES}")
    args = parser.parse_args()
    setup_django()

    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from benchmarks.support import Bench

    setup_test_environment()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_netwerkagenda", verbosity=0)
    bench = Bench()
    for name in args.modules:
        try:
            module = importlib.import_module(f"benchmarks.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"benchmarks.{name}":
                raise
            print(f"# {name}: nog geen benchmark", flush=True)
            continue
        for figure, value, unit in module.run(bench):
            shown = f"{value:.3f}" if isinstance(value, float) else value
            print(f"BENCH {figure} {shown} {unit}", flush=True)


if __name__ == "__main__":
    main()
