"""Which backups to keep: the newest of each of the last N days, weeks and months.

The scheme of restic's `forget --keep-daily/--keep-weekly/--keep-monthly`: walking from the
newest backup back, a backup is kept when it is the newest of a day (week, month) that has a
backup and fewer than N such days (weeks, months) have been kept so far. Days without a backup
do not count, so a portal that was down for a week still has its last N daily copies.
"""

import re
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from . import BackupError

PREFIX = "netwerkagenda-"
SUFFIX = ".tar"
NAME = re.compile(rf"^{PREFIX}(\d{{8}}-\d{{6}}){re.escape(SUFFIX)}$")


def backup_name(moment: datetime) -> str:
    return f"{PREFIX}{timezone.localtime(moment):%Y%m%d-%H%M%S}{SUFFIX}"


def moment_of(name: str) -> datetime | None:
    """The local time in a backup's file name; None for any other file."""
    match = NAME.match(name)
    if not match:
        return None
    return timezone.make_aware(datetime.strptime(match.group(1), "%Y%m%d-%H%M%S"))


def keep(moments, *, daily: int, weekly: int, monthly: int) -> set:
    """The moments to keep out of `moments` (datetimes of backups)."""
    rules = [
        (daily, lambda m: m.date()),
        (weekly, lambda m: m.isocalendar()[:2]),
        (monthly, lambda m: (m.year, m.month)),
    ]
    ordered = sorted(set(moments), reverse=True)
    kept = set(ordered[:1])  # the newest, whatever the rules say
    for limit, period in rules:
        seen = []
        for moment in ordered:
            key = period(moment)
            if key in seen:
                continue  # an older backup of a period already kept
            if len(seen) >= limit:
                break
            seen.append(key)
            kept.add(moment)
    return kept


def rotate(directory=None, *, daily=None, weekly=None, monthly=None) -> list:
    """Delete the backups in `directory` the rules do not keep; returns the deleted paths.

    Only files named like our backups are considered; anything else in the folder stays."""
    directory = Path(directory or settings.BACKUP_DIR)
    daily = settings.BACKUP_KEEP_DAILY if daily is None else daily
    weekly = settings.BACKUP_KEEP_WEEKLY if weekly is None else weekly
    monthly = settings.BACKUP_KEEP_MONTHLY if monthly is None else monthly
    if min(daily, weekly, monthly) < 0:
        raise BackupError("Het aantal te bewaren back-ups kan niet negatief zijn.")
    backups = {}
    for path in directory.glob(f"{PREFIX}*{SUFFIX}"):
        moment = moment_of(path.name)
        if moment is not None:
            backups[moment] = path
    kept = keep(backups, daily=daily, weekly=weekly, monthly=monthly)
    removed = []
    for moment, path in sorted(backups.items()):
        if moment not in kept:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
