"""Who is who: the governance bodies, the organisations and what they carry."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from governance.models import Body, Membership, Organisation, OrganisationType
from jaarprogramma.models import Action
from opgaven.models import Chapter


def body_list(request):
    bodies = Body.objects.annotate(member_count=Count("memberships")).prefetch_related(
        Prefetch("chapters", Chapter.objects.visible_to(request.user).order_by("number"))
    )
    return render(request, "governance/body_list.html", {"bodies": bodies})


def body_detail(request, slug):
    body = get_object_or_404(
        Body.objects.prefetch_related(
            "organisations",
            Prefetch("chapters", Chapter.objects.visible_to(request.user)),
            Prefetch(
                "memberships",
                Membership.objects.select_related("person", "organisation")
                .prefetch_related("person__organisations").order_by("role", "person__name"),
            ),
        ),
        slug=slug,
    )
    return render(request, "governance/body_detail.html", {"body": body})


def organisation_list(request):
    organisations = Organisation.objects.annotate(
        people_count=Count("people", distinct=True),
        action_count=Count("carried_actions", distinct=True),
    ).order_by("type", "name")
    groups = []
    for value, label in OrganisationType.choices:
        members = [o for o in organisations if o.type == value]
        if members:
            groups.append((value, label, members))
    return render(request, "governance/organisation_list.html", {"groups": groups})


def organisation_detail(request, key):
    organisation = get_object_or_404(Organisation, key=key)
    chapters = Chapter.objects.visible_to(request.user)
    # What it carries itself, and what the organisations of its type carry together.
    actions = (
        Action.objects.carried_by([organisation])
        .filter(jaarprogramma__chapter__in=chapters)
        .select_related("jaarprogramma__chapter__edition")
        .prefetch_related("carriers__organisation")
        .order_by("jaarprogramma__chapter__number", "jaarprogramma__year", "order")
    )
    contributions = organisation.contributions.filter(chapter__in=chapters).select_related("chapter__edition")
    people = organisation.people.order_by("name")
    bodies = Body.objects.filter(
        Q(organisations=organisation) | Q(memberships__organisation=organisation)
    ).distinct()
    return render(request, "governance/organisation_detail.html", {
        "organisation": organisation,
        "actions": actions,
        "contributions": contributions,
        "people": people,
        "bodies": bodies,
    })
