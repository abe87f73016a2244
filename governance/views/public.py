"""Who is who: the governance bodies, the organisations and what they carry."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from governance import access, pages
from governance.models import Body, Membership, Organisation, OrganisationType

# An organisation as large as the KB has hundreds of people: the page names them a page at a time.
PEOPLE_PER_PAGE = 50


def body_list(request):
    # Demo people (load_demo_accounts) are never shown or counted on public pages.
    bodies = list(Body.objects.annotate(
        member_count=Count("memberships", filter=Q(memberships__person__is_demo=False))))
    context = {"bodies": bodies, **pages.extra_context("body_list", request, bodies=bodies)}
    return render(request, "governance/body_list.html", context)


def body_detail(request, slug):
    body = get_object_or_404(
        Body.objects.prefetch_related(
            "organisations",
            Prefetch(
                "memberships",
                Membership.objects.public().select_related("person", "organisation")
                .prefetch_related("person__organisations").order_by("role", "person__name"),
            ),
        ),
        slug=slug,
    )
    meetings = [meeting for meeting in body.meetings.all() if access.can_view_meeting(request.user, meeting)]
    context = {"body": body, "meetings": meetings, **pages.extra_context("body_detail", request, bodies=[body])}
    return render(request, "governance/body_detail.html", context)


def organisation_list(request):
    organisations = list(Organisation.objects.annotate(
        people_count=Count("people", distinct=True),
    ).order_by("type", "name"))
    context = pages.extra_context("organisation_list", request, organisations=organisations)
    groups = []
    for value, label in OrganisationType.choices:
        members = [o for o in organisations if o.type == value]
        if members:
            groups.append((value, label, members))
    return render(request, "governance/organisation_list.html", {"groups": groups, **context})


def organisation_detail(request, key):
    organisation = get_object_or_404(Organisation, key=key)
    people = Paginator(organisation.people.public().order_by("name", "pk"), PEOPLE_PER_PAGE)
    bodies = Body.objects.filter(
        Q(organisations=organisation) | Q(memberships__organisation=organisation)
    ).distinct()
    return render(request, "governance/organisation_detail.html", {
        "organisation": organisation,
        "people": people.get_page(request.GET.get("pagina")),
        "bodies": bodies,
        **pages.extra_context("organisation_detail", request, organisation=organisation),
    })
