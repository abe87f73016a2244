"""The portal as it is after years of use (issue 15): `manage.py seed_scale --network`.

On top of the real agenda (load_netwerkagenda, load_monitoring) it builds three editions with
three years' programmes each, about 150 local libraries and 9 POIs, staff accounts, a quarterly
progress update by every carrier on every action it carries (every library on an action that
"the libraries" carry), writers' edit history, comments, participants and export jobs.

Why bulk writes here: a fact of the domain normally changes through its service, one row at a
time. At this size that would take hours, so the large tables are written with bulk_create
(history rows straight into django-simple-history's tables). The data is still what the
services would have made: the new editions come from opgaven.editions.create_next_edition (with
jaarprogramma's carry-over) and are established through opgaven.publication; a year's
programme carries the open actions of the year before, as jaarprogramma.services does; each
part's status and percentage are those of its latest update and each action's status follows
from its parts (`refresh_parts`, the bulk twin of monitoring.services.refresh_part); every live
row's `version` is that of its latest history row; grants are derived as governance.permissions
would. Everything comes from one seeded random generator and fixed dates: the same run gives the
same data."""

import random
from dataclasses import dataclass

from django.db import connection, transaction
from django.test.utils import override_settings

from governance import permissions
from opgaven.models import Edition

from . import activity, history, people, programmes


@dataclass(frozen=True)
class Size:
    libraries: int  # local libraries in all (the real ones included)
    pois: int
    staff: int  # accounts of KB, SPN, VOB, the POIs and the libraries
    participants: int
    comments: int
    exports: int
    edits: int  # writers' saves, spread over the versioned agenda text
    reporters: int | None = None  # members of a collective that report on its parts (None: all)


SIZES = {
    "full": Size(libraries=156, pois=9, staff=2000, participants=10_000, comments=2000, exports=500, edits=490_000),
    # For tests: the same shape (three editions, nine years, collectives, history) at a glance's size.
    "small": Size(libraries=58, pois=9, staff=40, participants=30, comments=20, exports=6, edits=300, reporters=3),
}
SEED = 15
NETWORK_EDITIONS = [("2024-2026", "Netwerkagenda 2024-2026", 2024), ("2027-2029", "Netwerkagenda 2027-2029", 2027)]


class AlreadySeeded(Exception):
    pass


def is_seeded():
    return Edition.objects.filter(slug__in=[slug for slug, _, _ in NETWORK_EDITIONS]).exists()


def seed_network(*, size="full", seed=SEED, log=None):
    """Build the network-scale data set on top of the real agenda; returns counts per kind."""
    if is_seeded():
        raise AlreadySeeded("De gegevens staan al op netwerkschaal.")
    size = SIZES[size] if isinstance(size, str) else size
    rng = random.Random(seed)  # noqa: S311 (a reproducible data set, not a secret)
    log = log or (lambda message: None)
    # The readers' PDFs of the new editions are not rendered here: the export jobs are data.
    with override_settings(PUBLIC_PDF_EXPORTS=False), transaction.atomic(), permissions.deferred():
        counts = {}
        staff = people.seed_organisations_and_staff(size, rng, counts)
        log("organisaties en medewerkers")
        timeline = programmes.build(size, rng, staff, NETWORK_EDITIONS, counts, log)
        people.link_staff(staff, counts)
        people.grant_progress(staff, counts)
        people.seed_participants(size, rng, staff, timeline.editions, counts)
        log("deelnemers en rechten")
        activity.seed_comments(size, rng, staff, timeline.editions, counts)
        activity.seed_exports(size, rng, staff, timeline.editions, counts)
        history.seed(size, rng, staff, timeline, counts)
        log("geschiedenis")
        programmes.establish(timeline)
        log("vastgesteld")
    if connection.vendor == "postgresql":
        # The planner's statistics, as autovacuum would have them after years of use: without them
        # it takes the new tables for empty and picks slow plans (or JIT-compiles a small query).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        log("statistieken")
    return counts
