"""The agenda's notifications: a chapter's writers hear of each step of its route (through the
signal opgaven.signoff.step_taken), a comment's author hears how it was answered."""

import pytest
from django.core import mail

from governance import permissions
from governance.models import Role, User
from governance.notifications import services
from governance.notifications.models import Delivery, Notification
from opgaven import notifications, signoff
from opgaven import services as opgaven_services
from opgaven.models import DecisionOutcome
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def route(world, signoff_route):
    f.SectionFactory(chapter=world.chapter, aspects=["context", "ambitie"])
    f.AmbitionFactory(chapter=world.chapter, text="Eerste ambitie.")
    f.establish(world.chapter)
    colleague = f.PersonFactory(user=f.UserFactory(username="collega"), organisations=[world.kb])
    f.MembershipFactory(body=world.koersgroep, person=colleague, role=Role.WRITER, organisation=world.kb)
    permissions.sync_all()
    return signoff_route


def take(world, route, step, who, **values):
    user = world.users.get(who) or User.objects.get(username=who)
    return signoff.take_step(subject=world.chapter, step=route[step], user=user, **values)


def told(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_the_writers_hear_of_every_step_but_not_of_their_own(world, route):
    take(world, route, "Koersgroep biedt het onderdeel aan", "writer")
    assert told(notifications.CHAPTER_OFFERED) == ["collega"]  # the writer who offered it knows
    take(world, route, "Feedbackronde afgerond", "writer")
    take(world, route, "Netwerkoverleg stelt vast", "netwerkoverleg")
    assert told(notifications.CHAPTER_ESTABLISHED) == ["collega", "writer"]
    decision = take(world, route, "Akkoord KB", "kb_rep")
    akkoord = Notification.objects.filter(kind=notifications.CHAPTER_ADOPTED, key=f"besluit-{decision.pk}")
    assert sorted(n.user.username for n in akkoord) == ["collega", "writer"]
    assert world.chapter.title in akkoord[0].subject and "akkoord kb" in akkoord[0].subject
    # Readers, advisors and the netwerkoverleg are not the chapter's writers.
    assert not Notification.objects.filter(user__username__in=["reader", "advisor", "netwerkoverleg"]).exists()


def test_sent_back_tells_the_writers_why(world, route, django_capture_on_commit_callbacks):
    take(world, route, "Koersgroep biedt het onderdeel aan", "writer")
    take(world, route, "Feedbackronde afgerond", "writer")
    with django_capture_on_commit_callbacks(execute=True):
        take(world, route, "Netwerkoverleg stelt vast", "netwerkoverleg", outcome=DecisionOutcome.SENT_BACK,
             reasons="De ambities zijn te vaag.")
    assert told(notifications.CHAPTER_SENT_BACK) == ["collega", "writer"]
    assert sorted(m.to[0] for m in mail.outbox if "teruggestuurd" in m.subject) == [
        "collega@example.org", "writer@example.org"]
    assert "De ambities zijn te vaag." in mail.outbox[-1].body


def test_a_writer_who_chose_not_to_hear_of_a_kind_does_not(world, route):
    services.set_preference(user=User.objects.get(username="collega"), kind=notifications.CHAPTER_OFFERED,
                            delivery=Delivery.NEVER)
    take(world, route, "Koersgroep biedt het onderdeel aan", "writer")
    assert told(notifications.CHAPTER_OFFERED) == []


def test_the_author_hears_how_a_comment_was_answered(world, django_capture_on_commit_callbacks):
    comment = opgaven_services.add_comment(chapter=world.chapter, author=world["reader"], text="Te vaag.")
    with django_capture_on_commit_callbacks(execute=True):
        opgaven_services.handle_comment(comment=comment, user=world["writer"], reply="Aangescherpt in 3.2.",
                                       version=comment.version)
    assert told(notifications.COMMENT_ANSWERED) == ["reader"]
    assert [m.to for m in mail.outbox] == [["reader@example.org"]]
    assert "Aangescherpt in 3.2." in mail.outbox[0].body


def test_answering_your_own_comment_tells_nobody(world):
    comment = opgaven_services.add_comment(chapter=world.chapter, author=world["writer"], text="Notitie.")
    opgaven_services.handle_comment(comment=comment, user=world["writer"], reply="Gedaan.", version=comment.version)
    assert not Notification.objects.exists()
