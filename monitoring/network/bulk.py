"""What the seeding modules share: batch size, fixed moments, and writing the dates they choose."""

import datetime
import functools
from contextlib import contextmanager

from django.utils import timezone

BATCH = 5000


def moment(day, hour=9, seconds=0):
    """A fixed, timezone-aware moment on `day` (never 'now': the data set is the same every run)."""
    # The zone's offset is read once per day and hour: make_aware for each of 100,000 rows is slow.
    return _start_of(day, hour) + datetime.timedelta(seconds=seconds)


@functools.lru_cache(maxsize=4096)
def _start_of(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@contextmanager
def own_dates(*fields):
    """Let bulk_create write the `auto_now_add` dates we give: a seeded comment or update was made
    years ago, not at the moment of seeding."""
    saved = [(f, f.auto_now_add) for f in fields]
    for f, _ in saved:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f, value in saved:
            f.auto_now_add = value


def shift_year(day, years):
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
