"""The rotation keeps the newest backup of each of the last N days, weeks and months."""

from datetime import datetime, timedelta

from django.utils import timezone

from netwerkagenda.backup.rotation import backup_name, keep, moment_of, rotate


def at(day, hour=2, month=1, year=2026):
    return timezone.make_aware(datetime(year, month, day, hour, 30))


def test_it_keeps_the_newest_backup_of_each_of_the_last_days():
    moments = [at(d, h) for d in range(1, 11) for h in (2, 14)]

    kept = keep(moments, daily=3, weekly=0, monthly=0)

    assert kept == {at(10, 14), at(9, 14), at(8, 14)}


def test_weeks_and_months_reach_further_back():
    start = at(1, month=1)
    moments = [start + timedelta(days=n) for n in range(120)]  # daily, 1 January to 30 April

    kept = keep(moments, daily=7, weekly=4, monthly=3)

    daily = set(moments[-7:])
    # The newest backup of each of the last four ISO weeks and of the last three months.
    weeks = sorted({m.isocalendar()[:2] for m in moments}, reverse=True)[:4]
    weekly = {max(m for m in moments if m.isocalendar()[:2] == week) for week in weeks}
    months = sorted({(m.year, m.month) for m in moments}, reverse=True)[:3]
    monthly = {max(m for m in moments if (m.year, m.month) == month) for month in months}
    assert kept == daily | weekly | monthly
    assert at(31, month=3) in kept and at(28, month=2) in kept  # ends of the months
    assert at(31, month=1) not in kept  # a fourth month back


def test_days_without_a_backup_do_not_count():
    moments = [at(1), at(2), at(20), at(21)]  # the portal was down in between

    assert keep(moments, daily=3, weekly=0, monthly=0) == {at(21), at(20), at(2)}


def test_the_newest_backup_is_always_kept():
    assert keep([at(1), at(2)], daily=0, weekly=0, monthly=0) == {at(2)}


def test_rotate_deletes_only_our_backups_that_are_not_kept(tmp_path):
    moments = [at(d) for d in range(1, 6)]
    for moment in moments:
        (tmp_path / backup_name(moment)).write_bytes(b"x")
    (tmp_path / "avg-verwijderingen.jsonl").write_text("{}")
    (tmp_path / "netwerkagenda-handmatig.tar").write_bytes(b"x")

    removed = rotate(tmp_path, daily=2, weekly=0, monthly=0)

    assert sorted(p.name for p in removed) == [backup_name(at(1)), backup_name(at(2)), backup_name(at(3))]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [backup_name(at(4)), backup_name(at(5)), "avg-verwijderingen.jsonl", "netwerkagenda-handmatig.tar"])


def test_the_name_carries_the_local_time():
    moment = at(7, 2, month=3)

    assert moment_of(backup_name(moment)) == moment
    assert moment_of("iets-anders.tar") is None
