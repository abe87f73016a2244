"""Settings for a real worker and beat started by tests/background/test_worker_and_beat.py.

The portal's settings, with beat sending a harmless built-in task every second on a queue of the
test's own (CELERY_PROBE_QUEUE), so the test sees beat → broker → worker without waiting a night."""

import os

from netwerkagenda.settings import *  # noqa: F403

_queue = os.environ["CELERY_PROBE_QUEUE"]
CELERY_BEAT_SCHEDULE = {
    "probe": {"task": "celery.accumulate", "schedule": 1.0, "args": (_queue,), "options": {"queue": _queue}},
}
