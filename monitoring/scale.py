"""A synthetic agenda N times the real size, for benchmarks and query-count checks.

The copies go into the current edition, next to the real chapters, so every dashboard and
chapter page shows N times the data. Every synthetic row is recognisable (keys start with
`synth-`, texts with SYNTHETIC) and is removed before a new run, so seeding is repeatable."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from governance import permissions
from governance.models import Organisation, Person, normalise_name
from jaarprogramma.models import Action, ActionCarrier, ActionStatus, SubItem, SuccessCriterion
from opgaven.models import Ambition, Contribution, Edition

from .models import Indicator, LinkSource, Measurement, ProgressUpdate

SYNTHETIC = "[synthetisch] "
KEY_PREFIX = "synth-"
USERNAME = "synthetisch"


def _clone_id(clone_of, copy, organisation_id):
    clone = clone_of.get((copy, organisation_id))
    return clone.pk if clone else organisation_id


@transaction.atomic
def clear_synthetic():
    # A place in the text outlives its action (it then speaks for the programme): not the copies'.
    LinkSource.objects.filter(action__title__startswith=SYNTHETIC).delete()
    Action.objects.filter(title__startswith=SYNTHETIC).delete()
    Ambition.objects.filter(text__startswith=SYNTHETIC).delete()
    Contribution.objects.filter(text__startswith=SYNTHETIC).delete()
    SuccessCriterion.objects.filter(text__startswith=SYNTHETIC).delete()
    Measurement.objects.filter(source__startswith=SYNTHETIC).delete()
    ProgressUpdate.objects.filter(author__username=USERNAME).delete()
    Person.objects.filter(name__startswith=SYNTHETIC).delete()
    Organisation.objects.filter(key__startswith=KEY_PREFIX).delete()


@transaction.atomic
def seed_scale(*, factor, edition=None, today=None):
    """Add factor-1 synthetic copies of the edition's content; returns counts per kind."""
    clear_synthetic()
    edition = edition or Edition.objects.current()
    if edition is None or factor < 2:
        return {}
    today = today or datetime.date.today()
    copies = range(1, factor)
    counts = {}

    orgs = list(Organisation.objects.exclude(key__startswith=KEY_PREFIX))
    clones = Organisation.objects.bulk_create([
        Organisation(key=f"{KEY_PREFIX}{i}-{org.key}"[:80], name=f"{org.name} (synthetisch {i})",
                     short_name=f"{org.short_name} {i}" if org.short_name else "", type=org.type,
                     collective=org.collective, column=org.column)
        for i in copies for org in orgs
    ])
    clone_of = {(i, org.pk): clones[n * len(orgs) + k] for n, i in enumerate(copies) for k, org in enumerate(orgs)}
    counts["organisaties"] = len(clones)

    people = list(Person.objects.exclude(name__startswith=SYNTHETIC).prefetch_related("organisations"))
    new_people = Person.objects.bulk_create([
        Person(name=f"{SYNTHETIC}{person.name} {i}", normalised_name=normalise_name(f"{person.name} {i}"))
        for i in copies for person in people
    ])
    through = Person.organisations.through
    through.objects.bulk_create([
        through(person_id=new_people[n * len(people) + k].pk, organisation_id=clone_of[(i, org.pk)].pk)
        for n, i in enumerate(copies) for k, person in enumerate(people) for org in person.organisations.all()
        if (i, org.pk) in clone_of
    ])
    counts["personen"] = len(new_people)

    chapters = list(edition.chapters.prefetch_related("ambitions", "contributions"))
    Ambition.objects.bulk_create([
        Ambition(chapter=chapter, number=ambition.number + 100 * i, order=ambition.order + 100 * i,
                 text=SYNTHETIC + ambition.text)
        for i in copies for chapter in chapters for ambition in chapter.ambitions.all()
    ])
    Contribution.objects.bulk_create([
        Contribution(chapter=chapter, organisation=clone_of.get((i, c.organisation_id)), kind=c.kind,
                     text=SYNTHETIC + c.text, amount_eur=c.amount_eur, amount_period=c.amount_period,
                     order=c.order + 100 * i)
        for i in copies for chapter in chapters for c in chapter.contributions.all()
    ])

    actions = list(
        Action.objects.filter(jaarprogramma__chapter__edition=edition)
        .exclude(title__startswith=SYNTHETIC)
        .prefetch_related("carriers", "subitems", "link_sources")
    )
    statuses = list(ActionStatus)
    new_actions = Action.objects.bulk_create([
        # In the original's series: numbers are unique per programme and series.
        Action(jaarprogramma_id=a.jaarprogramma_id, group=a.group, number=f"S{i}-{a.number}"[:10], theme=a.theme,
               title=(SYNTHETIC + a.title)[:500], description=a.description, order=a.order + 1000 * i,
               status=statuses[(i + n) % len(statuses)],
               due_date=today + datetime.timedelta(days=((i * 37 + n * 11) % 240) - 120))
        for i in copies for n, a in enumerate(actions)
    ])
    pairs = [(i, a, new_actions[m * len(actions) + n]) for m, i in enumerate(copies) for n, a in enumerate(actions)]
    # Each copy's parts share its (synthetic) status, so the action's status is that of its parts.
    new_carriers = ActionCarrier.objects.bulk_create([
        ActionCarrier(action=new, organisation_id=_clone_id(clone_of, i, c.organisation_id) if c.organisation_id
                      else None, body_id=c.body_id, role=c.role, inferred=c.inferred, note=c.note,
                      status=new.status, percentage=(i * 17) % 101)
        for i, original, new in pairs for c in original.carriers.all()
    ])
    first_carrier = {}
    for carrier in new_carriers:
        first_carrier.setdefault(carrier.action_id, carrier)
    SubItem.objects.bulk_create([
        SubItem(action=new, letter=s.letter, text=s.text) for _, original, new in pairs for s in original.subitems.all()
    ])
    LinkSource.objects.bulk_create([
        LinkSource(link_id=source.link_id, chapter_id=source.chapter_id, section=source.section, quote=source.quote,
                   action=new)
        for _, original, new in pairs for source in original.link_sources.all()
    ])
    counts["acties"] = len(new_actions)

    author, _ = get_user_model().objects.get_or_create(username=USERNAME, defaults={"is_active": False})
    updates = []
    for n, (_, _, new) in enumerate(pairs):
        carrier = first_carrier.get(new.pk)
        if carrier is None:
            continue
        for k in range(2):
            updates.append(ProgressUpdate(
                action=new, author=author, carrier=carrier, organisation_id=carrier.organisation_id,
                date=today - datetime.timedelta(days=(n * 13 + k * 60) % 200),
                text=f"{SYNTHETIC}voortgangsbericht {k + 1}", percentage=(n * 7 + k * 20) % 101,
            ))
    ProgressUpdate.objects.bulk_create(updates)
    counts["voortgangsberichten"] = len(updates)

    criteria = list(SuccessCriterion.objects.filter(jaarprogramma__chapter__edition=edition)
                    .exclude(text__startswith=SYNTHETIC))
    SuccessCriterion.objects.bulk_create([
        SuccessCriterion(jaarprogramma_id=c.jaarprogramma_id, text=SYNTHETIC + c.text, order=c.order + 100 * i)
        for i in copies for c in criteria
    ])
    indicators = list(Indicator.objects.filter(edition=edition))
    Measurement.objects.bulk_create([
        Measurement(indicator=ind, date=datetime.date(edition.start_year, 1 + i % 12, 1),
                    value=(ind.baseline or ind.target or Decimal(1)) * (1 + Decimal(i) / 100),
                    source=f"{SYNTHETIC}meting {i}")
        for i in copies for ind in indicators
    ])
    # Bulk writes send no signals: staff of the collectives' types now also carry the copies, and
    # members of the carrying bodies.
    permissions.sync_users(permissions.users_of_organisations(orgs))
    permissions.sync_users(permissions.users_of_bodies(
        ActionCarrier.objects.filter(body__isnull=False).values("body")))
    return counts
