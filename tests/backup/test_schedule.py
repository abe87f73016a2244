"""The nightly backup and log clean-up are scheduled, and docker-compose runs the scheduler."""

from pathlib import Path

import yaml
from django.conf import settings

from netwerkagenda.celery import app

ROOT = Path(__file__).resolve().parent.parent.parent


def test_beat_schedules_the_backup_and_the_retention_task():
    app.loader.import_default_modules()
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert {"netwerkagenda.tasks.scheduled_backup", "netwerkagenda.tasks.purge_expired_logs"} <= tasks
    assert tasks <= set(app.tasks)


def test_docker_compose_runs_beat_and_keeps_backups_in_a_volume():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]

    assert "beat" in services["beat"]["command"]
    for name in ("worker", "web", "beat"):
        assert "backups:/app/backups" in services[name]["volumes"]
        assert services[name]["environment"]["BACKUP_DIR"] == "/app/backups"
    assert "backups" in compose["volumes"]
