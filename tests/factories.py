"""factory_boy factories for the domain; unit tests build what they need from these."""

import factory
from django.contrib.auth import get_user_model
from django.db import models

from governance.models import Body, BodyKind, Membership, Organisation, OrganisationType, Person, Role
from jaarprogramma.models import Action, ActionCarrier, Jaarprogramma, SubItem, SuccessCriterion
from monitoring.models import Indicator, Measurement, ProgressUpdate
from opgaven.models import (
    Ambition,
    Chapter,
    ChapterKind,
    ChapterStatus,
    Contribution,
    Edition,
    Footnote,
    Principle,
    Quote,
    Section,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["key"]

    key = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Bibliotheek {n}")
    type = OrganisationType.OB


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    name = factory.Faker("name", locale="nl_NL")

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create and extracted:
            from governance import services

            services.set_person_organisations(person=self, organisations=extracted)


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"koersgroep-{n}")
    name = factory.Sequence(lambda n: f"Koersgroep {n}")
    kind = BodyKind.KOERSGROEP


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(PersonFactory)
    role = Role.MEMBER

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Through the one write path, so the member's grants follow as in the portal.
        from governance import services

        return services.add_membership(**kwargs)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition
        django_get_or_create = ["slug"]

    slug = "2021-2023"
    title = "Netwerkagenda Openbare bibliotheekvoorzieningen 2021-2023"
    start_year = 2021
    end_year = 2023
    motto = "De breed functionele lokale en digitale bibliotheekvoorziening."


class PrincipleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Principle

    edition = factory.SubFactory(EditionFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Faker("sentence", locale="nl_NL")
    body = factory.Faker("paragraph", locale="nl_NL")


class ChapterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Chapter

    edition = factory.SubFactory(EditionFactory)
    number = factory.Sequence(lambda n: n + 3)
    kind = ChapterKind.STELSELUITDAGING
    position = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"onderdeel-{n}")
    title = factory.Sequence(lambda n: f"Onderdeel {n}")
    # A chapter is a draft until it is established: tests that read it as the public does
    # call `establish(chapter)` once its content is built.
    status = ChapterStatus.CONCEPT
    established_at = None


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    chapter = factory.SubFactory(ChapterFactory)
    number = factory.Sequence(lambda n: f"{n}.1")
    title = "Context"
    aspects = ["context"]
    body = factory.Faker("paragraph", locale="nl_NL")


class AmbitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ambition

    chapter = factory.SubFactory(ChapterFactory)
    # The next free number of its chapter: numbers are unique per chapter (a database constraint).
    number = factory.LazyAttribute(
        lambda o: (Ambition.objects.filter(chapter=o.chapter).aggregate(n=models.Max("number"))["n"] or 0) + 1)
    order = factory.SelfAttribute("number")
    text = factory.Faker("sentence", locale="nl_NL")


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    chapter = factory.SubFactory(ChapterFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    text = factory.Faker("sentence", locale="nl_NL")


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    chapter = factory.SubFactory(ChapterFactory)
    text = factory.Faker("sentence", locale="nl_NL")


class FootnoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Footnote

    chapter = factory.SubFactory(ChapterFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Faker("sentence", locale="nl_NL")


class JaarprogrammaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jaarprogramma

    chapter = factory.SubFactory(ChapterFactory)
    year = 2021


class SuccessCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SuccessCriterion

    jaarprogramma = factory.SubFactory(JaarprogrammaFactory)
    order = factory.Sequence(lambda n: n + 1)  # its place is its number, unique in the programme
    text = factory.Faker("sentence", locale="nl_NL")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    jaarprogramma = factory.SubFactory(JaarprogrammaFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    order = factory.Sequence(lambda n: n)
    title = factory.Faker("sentence", locale="nl_NL")


class SubItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubItem

    action = factory.SubFactory(ActionFactory)
    letter = "a"
    text = factory.Faker("sentence", locale="nl_NL")


class ActionCarrierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionCarrier

    action = factory.SubFactory(ActionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    # The part starts where the action stands, so a factory-built action keeps the status it was
    # given (the action's status follows its parts). Pass status= for a part of its own.
    status = factory.LazyAttribute(lambda o: o.action.status)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    edition = factory.SubFactory(EditionFactory)
    slug = factory.Sequence(lambda n: f"indicator-{n}")
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "aantal"
    baseline = 4
    baseline_year = 2020
    target = 8
    target_year = 2023


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    date = factory.Faker("date_this_decade")
    value = 5
    source = "CBS"


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    author = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    # The part reported on: the organisation's own carrier of the action, if it has one.
    carrier = factory.LazyAttribute(lambda o: o.action.carriers.filter(organisation=o.organisation).first())
    date = factory.Faker("date_this_year")
    text = factory.Faker("sentence", locale="nl_NL")


def establish(chapter):
    """Establish the chapter as it is now, the way the netwerkoverleg does."""
    from opgaven import publication

    Chapter.objects.filter(pk=chapter.pk).update(status=ChapterStatus.ESTABLISHED)
    chapter.status = ChapterStatus.ESTABLISHED
    return publication.publish(chapter)


def build_route(edition, *, netwerkoverleg, organisations, ratifier):
    """The 2021-2023 sign-off route: offer, feedback round, establish (then public), the three
    akkoorden in any order, bekrachtiging."""
    from opgaven.models import RouteStep, StepKind

    steps = [
        RouteStep(edition=edition, position=1, kind=StepKind.OFFER, name="Koersgroep biedt het onderdeel aan"),
        RouteStep(edition=edition, position=2, kind=StepKind.FEEDBACK, name="Feedbackronde afgerond"),
        RouteStep(edition=edition, position=3, kind=StepKind.ESTABLISH, name="Netwerkoverleg stelt vast",
                  body=netwerkoverleg, publishes=True),
        *[RouteStep(edition=edition, position=4, kind=StepKind.APPROVE, name=f"Akkoord {org}", organisation=org)
          for org in organisations],
        RouteStep(edition=edition, position=5, kind=StepKind.RATIFY, name="Bestuurlijk overleg bekrachtigt",
                  body=ratifier),
    ]
    return RouteStep.objects.bulk_create(steps)
