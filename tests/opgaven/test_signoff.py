"""The sign-off route: offer, feedback, establish (then public), three akkoorden, bekrachtiging."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from governance.models import User
from opgaven import signoff
from opgaven.models import ChapterStatus, Decision, DecisionOutcome, StepKind
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def route(world, signoff_route):
    f.SectionFactory(chapter=world.chapter, aspects=["context", "ambitie"])
    f.AmbitionFactory(chapter=world.chapter, text="Eerste ambitie.")
    f.establish(world.chapter)
    return signoff_route


def user(world, name):
    return world.users.get(name) or User.objects.get(username=name)


def take(world, route, step, who, **values):
    return signoff.take_step(subject=world.chapter, step=route[step], user=user(world, who), **values)


def public_text(client, world):
    client.logout()
    return client.get(world.chapter.get_absolute_url()).content.decode()


def test_the_whole_route_and_the_public_text_changes_at_establishing(client, world, route):
    f.AmbitionFactory(chapter=world.chapter, text="Nieuwe ambitie in concept.")
    take(world, route, "Koersgroep biedt het onderdeel aan", "writer")
    assert signoff.route_for(world.chapter).label == "wacht op feedbackronde afgerond"
    take(world, route, "Feedbackronde afgerond", "writer")
    assert "Nieuwe ambitie in concept." not in public_text(client, world)

    world.chapter.comments.create(author=world["reader"], text="Bezwaar tegen ambitie 2.")
    with pytest.raises(ValidationError):  # an open objection must be weighed
        take(world, route, "Netwerkoverleg stelt vast", "netwerkoverleg")
    take(world, route, "Netwerkoverleg stelt vast", "netwerkoverleg", weighing="Besproken; ambitie blijft.")
    assert "Nieuwe ambitie in concept." in public_text(client, world)
    assert signoff.route_for(world.chapter).label == "wacht op akkoord VOB en akkoord SPN en akkoord KB"

    take(world, route, "Akkoord KB", "kb_rep")
    take(world, route, "Akkoord VOB", "netwerkoverleg")
    assert signoff.route_for(world.chapter).label == "wacht op akkoord SPN"
    take(world, route, "Akkoord SPN", "spn_rep")
    take(world, route, "Bestuurlijk overleg bekrachtigt", "ocw")
    assert signoff.route_for(world.chapter).complete
    decisions = Decision.objects.filter(chapter=world.chapter)
    assert decisions.count() == 7 and len({d.version_id for d in decisions}) == 1
    assert decisions.get(step__kind=StepKind.ESTABLISH).weighing == "Besproken; ambitie blijft."


def test_nobody_outside_a_steps_body_takes_it(world, route):
    take(world, route, "Koersgroep biedt het onderdeel aan", "writer")
    with pytest.raises(PermissionDenied):
        take(world, route, "Feedbackronde afgerond", "reader")
    take(world, route, "Feedbackronde afgerond", "writer")
    for who in ("writer", "kb_staff", "kb_rep"):
        if who == "kb_rep":
            continue  # a netwerkoverleg member establishes
        with pytest.raises(PermissionDenied):
            take(world, route, "Netwerkoverleg stelt vast", who)
    take(world, route, "Netwerkoverleg stelt vast", "kb_rep")
    with pytest.raises(PermissionDenied):  # KB staff who do not represent the KB
        take(world, route, "Akkoord KB", "kb_staff")
    with pytest.raises(PermissionDenied):
        take(world, route, "Akkoord KB", "spn_rep")
    with pytest.raises(ValidationError):  # not its turn yet
        take(world, route, "Bestuurlijk overleg bekrachtigt", "ocw")


def test_a_step_sends_the_text_back_with_reasons(client, world, route):
    f.AmbitionFactory(chapter=world.chapter, text="Omstreden ambitie.")
    take(world, route, "Koersgroep biedt het onderdeel aan", "writer")
    take(world, route, "Feedbackronde afgerond", "writer")
    with pytest.raises(ValidationError):
        take(world, route, "Netwerkoverleg stelt vast", "netwerkoverleg", outcome=DecisionOutcome.SENT_BACK)
    take(world, route, "Netwerkoverleg stelt vast", "netwerkoverleg", outcome=DecisionOutcome.SENT_BACK,
         reasons="Eerst afstemmen met de POI's.")
    world.chapter.refresh_from_db()
    assert world.chapter.status == ChapterStatus.CONCEPT
    assert signoff.route_for(world.chapter).version is None
    assert "Omstreden ambitie." not in public_text(client, world)


def test_the_route_page_records_a_step(client_for, world, route):
    url = reverse("opgaven:chapter_route", args=[world.edition.slug, world.chapter.slug])
    step = route["Koersgroep biedt het onderdeel aan"]
    assert client_for("kb_staff").get(url).status_code == 403
    page = client_for("reader").get(url)
    assert page.status_code == 200 and f'name="step" value="{step.pk}"' not in page.content.decode()
    client = client_for("writer")
    assert f'name="step" value="{step.pk}"' in client.get(url).content.decode()
    response = client.post(url, {"step": step.pk, f"stap-{step.pk}-text": "Aangeboden.",
                                 f"stap-{step.pk}-date": "2021-01-15"})
    assert response.status_code == 302
    assert "wacht op feedbackronde afgerond" in client.get(world.chapter.get_absolute_url()).content.decode()
    establish = route["Netwerkoverleg stelt vast"]
    assert client.post(url, {"step": establish.pk}).status_code == 403


def test_decisions_and_changes_are_public_once_the_version_is(client, world, route):
    ambition = world.chapter.ambitions.get()
    ambition.text = "Eerste ambitie, scherper."
    ambition.save()
    f.AmbitionFactory(chapter=world.chapter, text="Tweede ambitie.")
    take(world, route, "Koersgroep biedt het onderdeel aan", "writer", text="Aangeboden")
    client.logout()
    assert "Aangeboden" not in client.get(reverse("opgaven:decision_list")).content.decode()
    take(world, route, "Feedbackronde afgerond", "writer")
    take(world, route, "Netwerkoverleg stelt vast", "netwerkoverleg", text="Vastgesteld door het netwerkoverleg")
    decisions = client.get(reverse("opgaven:decision_list")).content.decode()
    assert "Aangeboden" in decisions and "Vastgesteld door het netwerkoverleg" in decisions
    changes = client.get(reverse("opgaven:chapter_changes", args=[world.edition.slug, world.chapter.slug]))
    html = changes.content.decode()
    assert "Tweede ambitie." in html and "toegevoegd" in html
    assert "scherper" in html and "gewijzigd" in html
