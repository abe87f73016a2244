"""Numbers stay unique when writers add items at the same moment: real threads, each with its
own database connection, against PostgreSQL."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from jaarprogramma.models import Action
from opgaven import services
from opgaven.models import Ambition
from tests import factories as f

WRITERS = 20
# Row locks and deferred unique constraints are PostgreSQL's; SQLite has neither (Django leaves a
# deferrable constraint out there), so these fail in CI without PostgreSQL and skip elsewhere.
pytestmark = pytest.mark.usefixtures("postgres")


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_additions_get_twenty_different_numbers():
    chapter = f.ChapterFactory()
    f.AmbitionFactory(chapter=chapter, number=1, order=1)
    start = threading.Barrier(WRITERS)
    errors = []

    def add(n):
        try:
            start.wait()
            services.create_item(model=Ambition, values={"text": f"Ambitie van schrijver {n}."},
                                 number_field="number", chapter=chapter)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = sorted(chapter.ambitions.values_list("number", flat=True))
    assert numbers == list(range(1, WRITERS + 2))
    assert sorted(chapter.ambitions.values_list("order", flat=True)) == numbers


def ambition_twin():
    ambition = f.AmbitionFactory()
    f.AmbitionFactory(chapter=ambition.chapter, number=ambition.number)


def section_twin():
    section = f.SectionFactory()
    f.SectionFactory(chapter=section.chapter, number=section.number)


def criterion_twin():
    criterion = f.SuccessCriterionFactory()
    f.SuccessCriterionFactory(jaarprogramma=criterion.jaarprogramma, order=criterion.order)


def action_twin(group=None):
    action = f.ActionFactory(group=group)
    f.ActionFactory(jaarprogramma=action.jaarprogramma, group=group, number=action.number)


@pytest.mark.django_db
@pytest.mark.parametrize("make_twin", [ambition_twin, section_twin, criterion_twin, action_twin,
                                       lambda: action_twin(group=2)],
                         ids=["ambition", "section", "success criterion", "action", "action in a series"])
def test_the_database_refuses_a_second_item_with_the_same_number(make_twin):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_twin()


@pytest.mark.django_db
def test_the_same_action_number_may_recur_in_another_series():
    action = f.ActionFactory(group=1, number="1")
    f.ActionFactory(jaarprogramma=action.jaarprogramma, group=2, number="1")
    assert Action.objects.filter(jaarprogramma=action.jaarprogramma, number="1").count() == 2
