"""Background work as `make run` and production do it: a real `celery worker` (and beat) as
subprocesses, on the folder broker that needs no server and on Redis.

Tasks here are Celery's built-in `celery.accumulate` (it returns its arguments and needs no
database), so the worker's log shows each round trip with the test's own marker."""

import os
import subprocess
import sys
import uuid

import pytest

from tests.background.processes import BASE_DIR, TIMEOUT, Process, beat, wait_for, worker

pytestmark = pytest.mark.worker


def _environment(tmp_path, **extra):
    return {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "netwerkagenda.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "SECRET_KEY": "worker-test-secret",
        "SECURE": "false",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def _succeeded(log, marker):
    return sum(1 for line in log.splitlines() if "celery.accumulate" in line and "succeeded" in line and marker in line)


def test_the_folder_broker_carries_a_task_through_a_real_worker(tmp_path, processes):
    """No CELERY_BROKER_URL: settings choose the filesystem transport, the web side (here a
    separate producer process with the same settings) and the worker meet in the folder."""
    queue = f"map-{uuid.uuid4().hex[:8]}"
    env = _environment(tmp_path, CELERY_BROKER_URL="", CELERY_FILESYSTEM_BROKER_DIR=str(tmp_path / "broker"))
    consumer = Process(worker(queue), env, tmp_path / "worker.log")
    processes.append(consumer)
    send = (
        "from netwerkagenda.celery import app\n"
        "assert app.conf.broker_url == 'filesystem://', app.conf.broker_url\n"
        f"app.send_task('celery.accumulate', args=('{queue}',), queue='{queue}')\n"
    )
    subprocess.run([sys.executable, "-c", send], cwd=BASE_DIR, env=env, check=True, timeout=TIMEOUT)
    assert any((tmp_path / "broker" / "queue").iterdir()) or _succeeded(consumer.output(), queue)

    wait_for(lambda: _succeeded(consumer.output(), queue), "de worker voert de taak uit de map uit")
    assert "filesystem://" in consumer.output()
    assert not any((tmp_path / "broker" / "queue").iterdir()), "the message was taken from the folder"


def test_beat_and_a_worker_run_a_schedule_on_redis(tmp_path, processes, redis_available):
    queue = f"beat-{uuid.uuid4().hex[:8]}"
    env = _environment(tmp_path, CELERY_BROKER_URL=redis_available, CELERY_PROBE_QUEUE=queue,
                       DJANGO_SETTINGS_MODULE="tests.celery_probe_settings")
    consumer = Process(worker(queue), env, tmp_path / "worker.log")
    processes.append(consumer)
    scheduler = Process(beat(tmp_path / "schedule"), env, tmp_path / "beat.log")
    processes.append(scheduler)
    try:
        # Beat fires every second: two runs show a schedule, not a single message.
        wait_for(lambda: _succeeded(consumer.output(), queue) >= 2, "beat stuurt, de worker voert uit")
    finally:
        from netwerkagenda.celery import app

        with app.connection_for_write(redis_available) as connection:
            connection.default_channel.queue_delete(queue)
    assert "redis://" in consumer.output()
    assert "Sending due task probe" in scheduler.output()
