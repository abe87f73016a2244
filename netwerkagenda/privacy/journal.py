"""A journal of erasures beside the backups, so restoring an older backup cannot undo one.

Each line holds the person's id, the time and the fingerprints of their former names and
addresses (governance.models.identity_digests), never the names themselves. After a restore,
`replay_erasures` anonymises again everyone in the journal whom the restored data still
names, as long as the data still matches a fingerprint (the id alone proves nothing)."""

import json
import logging
from pathlib import Path

from django.conf import settings

from governance.models import Erasure, Person, identity_digests

logger = logging.getLogger(__name__)
JOURNAL_NAME = "avg-verwijderingen.jsonl"


def journal_path() -> Path:
    return Path(settings.BACKUP_DIR) / JOURNAL_NAME


def record(erasure_id):
    erasure = Erasure.objects.filter(pk=erasure_id).first()
    if erasure is None or erasure.person_id is None:
        return
    line = {"person": erasure.person_id, "erased_at": erasure.erased_at.isoformat(), "digests": erasure.digests}
    try:
        path = journal_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(line) + "\n")
    except OSError:
        # The erasure itself is done; without the journal only a restore of an older backup
        # would need it done again by hand.
        logger.exception("Kon de AVG-verwijdering van persoon %s niet in %s vastleggen", erasure.person_id,
                         journal_path())


def entries():
    path = journal_path()
    if not path.is_file():
        return []
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            item = json.loads(line)
            found.append((int(item["person"]), set(item["digests"])))
        except (ValueError, KeyError, TypeError):
            logger.warning("Onleesbare regel in %s overgeslagen", path)
    return found


def replay_erasures() -> list:
    """Anonymise again who the journal says was erased; returns their person ids."""
    done = []
    for person_id, digests in entries():
        person = Person.objects.filter(pk=person_id, erasure__isnull=True).select_related("user").first()
        if person is None:
            continue
        names = [person.name, person.email] + ([person.user.email] if person.user else [])
        if any(identity_digests(value) & digests for value in names if value):
            from .erasure import erase_person

            erase_person(person=person, record=False)
            done.append(person_id)
    return done
