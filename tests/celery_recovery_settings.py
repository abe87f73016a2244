"""Settings for the real workers and beat of tests/background/test_job_recovery.py.

The portal's settings, with beat sending only the job recovery, every JOB_RECOVERY_INTERVAL
seconds, on the test's own queue (CELERY_TEST_QUEUE), which the export jobs use as well."""

import os

from netwerkagenda.settings import *  # noqa: F403

_queue = os.environ["CELERY_TEST_QUEUE"]
PDF_EXPORT_QUEUE = _queue
CELERY_BEAT_SCHEDULE = {
    "recover-jobs": {
        **CELERY_BEAT_SCHEDULE["recover-jobs"],  # noqa: F405
        "options": {"queue": _queue, "expires": JOB_RECOVERY_INTERVAL},  # noqa: F405
    },
}
