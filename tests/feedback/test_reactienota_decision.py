"""The reactienota stays with the decision that follows: the netwerkoverleg's establishing
decision keeps the rounds closed before it, and every page that shows the decision shows it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback import services
from feedback.models import FeedbackRound
from governance.models import Meeting, User
from opgaven import signoff
from tests import factories as f

pytestmark = pytest.mark.django_db


def open_round(world, title="Ronde over onderdeel A", **values):
    return services.open_round(user=world["writer"], edition=world.edition, chapter=world.chapter, title=title,
                               closes_on=timezone.localdate() + datetime.timedelta(7),
                               bodies=[world.reflectiegroep], **values)


def take(world, route, name, who, **values):
    user = world.users.get(who) or User.objects.get(username=who)
    return signoff.take_step(subject=world.chapter, step=route[name], user=user, **values)


def test_the_establishing_decision_keeps_the_reactienota_of_the_rounds_before_it(world, signoff_route):
    f.AmbitionFactory(chapter=world.chapter, text="Iedereen leest mee.")
    f.JaarprogrammaFactory(chapter=world.chapter, year=2022)
    round = open_round(world)
    year_round = open_round(world, title="Ronde over 2022", year=2022)
    still_open = open_round(world, title="Nog open")
    take(world, signoff_route, "Koersgroep biedt het onderdeel aan", "writer")
    services.close_round(round=round)
    services.close_round(round=year_round)
    take(world, signoff_route, "Feedbackronde afgerond", "writer")
    round.refresh_from_db()
    assert round.decision is None  # closing the round is not what it was for: the establishing step is

    established = take(world, signoff_route, "Netwerkoverleg stelt vast", "netwerkoverleg")
    assert set(established.feedback_rounds.all()) == {round, year_round}
    still_open.refresh_from_db()
    assert still_open.decision is None

    services.close_round(round=still_open)
    take(world, signoff_route, "Akkoord KB", "kb_rep")  # a later akkoord takes nothing over
    still_open.refresh_from_db()
    assert still_open.decision is None


def test_a_text_sent_back_keeps_the_round_for_the_establishing_that_follows(world, signoff_route):
    round = open_round(world)
    services.close_round(round=round)
    take(world, signoff_route, "Koersgroep biedt het onderdeel aan", "writer")
    take(world, signoff_route, "Feedbackronde afgerond", "writer")
    take(world, signoff_route, "Netwerkoverleg stelt vast", "netwerkoverleg", outcome="teruggestuurd",
         reasons="Eerst de cijfers.")
    round.refresh_from_db()
    assert round.decision is None
    take(world, signoff_route, "Koersgroep biedt het onderdeel aan", "writer")
    take(world, signoff_route, "Feedbackronde afgerond", "writer")
    established = take(world, signoff_route, "Netwerkoverleg stelt vast", "netwerkoverleg")
    round.refresh_from_db()
    assert round.decision == established


def test_the_decision_shows_its_reactienota_where_it_is_shown(client_for, world, signoff_route):
    round = open_round(world)
    services.close_round(round=round)
    meeting = Meeting.objects.create(body=world.netwerkoverleg, date=datetime.date(2022, 3, 14), is_public=True,
                                     title="Netwerkoverleg van 14 maart 2022")
    take(world, signoff_route, "Koersgroep biedt het onderdeel aan", "writer")
    take(world, signoff_route, "Feedbackronde afgerond", "writer")
    established = take(world, signoff_route, "Netwerkoverleg stelt vast", "netwerkoverleg", meeting=meeting)
    label = "Reactienota van “Ronde over onderdeel A” (Onderdeel A)"
    link = f'<a href="{reverse("feedback:reactienota", args=[round.pk])}">{label}</a>'
    pages = [reverse("opgaven:decision_list"), meeting.get_absolute_url(),
             reverse("opgaven:chapter_changes", args=[world.edition.slug, world.chapter.slug]),
             reverse("opgaven:chapter_route", args=[world.edition.slug, world.chapter.slug])]
    for persona in ("writer", "advisor", "netwerkoverleg"):  # who answered, who was invited, who established
        client = client_for(persona)
        for url in pages:
            assert link in client.get(url).content.decode(), (persona, url)
    for persona in ("anonymous", "kb_staff"):  # the decision is public; the remarks stay with the round
        client = client_for(persona)
        for url in pages[:3]:
            html = client.get(url).content.decode()
            assert label in html and link not in html and "te lezen voor wie aan de ronde deelnam" in html
    assert FeedbackRound.objects.get(pk=round.pk).decision == established
