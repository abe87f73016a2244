"""`make bench`: each figure as `BENCH <name> <value> <unit>`.

Timings are ratios to a baseline measured in the same run, because the machines are noisy.
The runner builds a fresh database (a SQLite file unless DATABASE_URL is set), loads the real
agenda, and hands a `Bench` to each module's `run(bench)`, which yields (name, value, unit)."""
