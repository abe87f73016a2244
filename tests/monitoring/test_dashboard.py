import pytest
from django.urls import reverse

from monitoring.models import ReportingPeriod

from .conftest import build_progress

DASHBOARDS = ["dashboard", "organisations", "matrix", "indicators", "actions", "success_criteria"]


@pytest.mark.parametrize("name", DASHBOARDS)
@pytest.mark.parametrize("persona, expected", [
    ("netwerkoverleg", 200), ("admin", 200), ("kb_staff", 403), ("writer", 403), ("anonymous", 302),
])
def test_dashboards_are_for_the_netwerkoverleg(client_for, progress, name, persona, expected):
    response = client_for(persona).get(reverse(f"monitoring:{name}"))
    assert response.status_code == expected


def test_the_dashboard_permission_opens_the_dashboards(client_for, world, progress):
    from django.contrib.auth.models import Permission

    world["kb_staff"].user_permissions.add(Permission.objects.get(codename="view_dashboard"))
    assert client_for("kb_staff").get(reverse("monitoring:dashboard")).status_code == 200


def test_overview_counts_statuses_overdue_and_stale_per_chapter(client_for, world, progress):
    response = client_for("netwerkoverleg").get(reverse("monitoring:dashboard"))
    rows = {row.subject: row for row in response.context["rows"]}
    row = rows[world.chapter]
    assert row.total == 2
    assert dict(row.counts)["niet-gestart"] == 1
    assert dict(row.counts)["op-schema"] == 1
    assert row.overdue == 1
    assert response.context["totals"].total == 4


@pytest.mark.parametrize("query, total", [
    ({"status": "op-schema"}, 2), ({"year": 2022}, 0), ({"year": 2021}, 4), ({}, 4),
])
def test_filters_narrow_the_action_list(client_for, world, progress, query, total):
    response = client_for("netwerkoverleg").get(reverse("monitoring:actions"), query)
    assert response.context["page"].paginator.count == total


def test_filter_by_chapter_and_organisation(client_for, world, progress):
    client = client_for("netwerkoverleg")
    by_chapter = client.get(reverse("monitoring:actions"), {"chapter": world.chapter.pk})
    assert by_chapter.context["page"].paginator.count == 2
    by_org = client.get(reverse("monitoring:actions"), {"organisation": world.poi.pk})
    assert by_org.context["page"].paginator.count == 2


def test_bad_filter_input_is_reported_not_a_server_error(client_for, progress):
    response = client_for("netwerkoverleg").get(reverse("monitoring:actions"), {"year": "abc", "chapter": "999999"})
    assert response.status_code == 200
    assert response.context["filter_form"].errors
    assert response.context["page"].paginator.count == 4


def test_htmx_filter_request_gets_only_the_fragment(client_for, progress):
    response = client_for("netwerkoverleg").get(reverse("monitoring:dashboard"), HTTP_HX_REQUEST="true")
    assert b"<h1" not in response.content
    assert b"kop-per-onderdeel" in response.content


def test_carriers_that_have_not_reported_on_every_open_part_in_the_period_are_listed(client_for, world, progress):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    period = ReportingPeriod.objects.create(name="Dit kwartaal", start=today - datetime.timedelta(days=5), end=today)
    response = client_for("netwerkoverleg").get(reverse("monitoring:organisations"), {"period": period.pk})
    missing = {row.subject: row for row in response.context["missing"]}
    # KB reported today on its part of the first action of each chapter, ten days ago on the
    # second: one report does not speak for the other part.
    assert set(missing) == {world.poi, world.ob, world.kb}
    assert len(missing[world.kb].missing_parts) == 2 and missing[world.kb].total == 4
    assert "Dit kwartaal" in response.content.decode()


def test_matrix_counts_connecting_actions_and_links_each_cell_to_them(client_for, world, progress):
    response = client_for("netwerkoverleg").get(reverse("monitoring:matrix"))
    matrix = response.context["matrix"]
    assert {key: cell.count for key, cell in matrix.cells.items()} == {
        (world.chapter.pk, progress.pk): 2, (world.other_chapter.pk, progress.pk): 2}
    cell = matrix.cells[(world.chapter.pk, progress.pk)]
    html = response.content.decode()
    assert f'?link={cell.link.pk}"' in html
    assert f"{world.chapter.number}.4" in html and "Draagt bij aan de opgave." in html
    listed = client_for("netwerkoverleg").get(reverse("monitoring:actions"), {"link": cell.link.pk})
    assert set(listed.context["page"]) == {source.action for source in cell.sources}


def test_indicator_chart_comes_with_a_table_of_the_same_numbers(client_for, progress):
    html = client_for("netwerkoverleg").get(reverse("monitoring:indicators")).content.decode()
    assert 'role="img"' in html
    assert "<table" in html
    assert "nulmeting 4" in html
    assert "style=" not in html


def test_period_can_be_set(client_for):
    response = client_for("netwerkoverleg").post(reverse("monitoring:period_create"),
                                                 {"name": "Najaar", "start": "2021-09-01", "end": "2021-12-31"})
    assert response.status_code == 302
    assert ReportingPeriod.objects.get().name == "Najaar"


def test_period_ending_before_it_starts_is_refused(client_for):
    response = client_for("netwerkoverleg").post(reverse("monitoring:period_create"),
                                                 {"name": "Fout", "start": "2021-09-01", "end": "2021-01-01"})
    assert response.status_code == 200
    assert not ReportingPeriod.objects.exists()


# Session, user, permission, membership and unread-notification look-ups included; the same at both sizes.
@pytest.mark.parametrize("name, queries", [
    ("dashboard", 17), ("organisations", 16), ("matrix", 17), ("indicators", 15),
    ("actions", 16), ("success_criteria", 14),
])
def test_dashboard_query_count_does_not_grow_with_the_data(client_for, world, name, queries,
                                                            django_assert_num_queries):
    build_progress(world, 1)
    client = client_for("netwerkoverleg")
    url = reverse(f"monitoring:{name}")
    with django_assert_num_queries(queries):
        client.get(url)
    build_progress(world, 10, opgave_slug="opgave-y")
    with django_assert_num_queries(queries):
        client.get(url)


def test_organisation_whose_actions_are_all_closed_need_not_report(client_for, world, progress):
    import datetime

    from django.utils import timezone

    from jaarprogramma.models import ActionCarrier, ActionStatus

    ActionCarrier.objects.filter(organisation__in=[world.poi, world.kb]).update(status=ActionStatus.DONE)
    today = timezone.localdate()
    period = ReportingPeriod.objects.create(name="Nu", start=today - datetime.timedelta(days=5), end=today)
    response = client_for("netwerkoverleg").get(reverse("monitoring:organisations"), {"period": period.pk})
    assert {row.subject for row in response.context["missing"]} == {world.ob}


@pytest.mark.parametrize("name", ["dashboard", "organisations", "indicators"])
def test_chart_coordinates_are_not_localised(client_for, progress, name):
    import re

    html = client_for("netwerkoverleg").get(reverse(f"monitoring:{name}"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    coordinates = re.findall(r'\s(?:x|y|cx|cy|x1|x2|y1|y2|width)="([^"]*)"', html)
    assert coordinates
    assert not [value for value in coordinates if "," in value]


def test_the_dashboards_follow_membership_of_the_netwerkoverleg(client_for, world, progress):
    from governance import services

    client = client_for("netwerkoverleg")
    assert client.get(reverse("monitoring:dashboard")).status_code == 200
    # The right comes with the membership (through the group "Netwerkoverleg") and goes with it.
    services.remove_membership(membership=world["netwerkoverleg"].person.memberships.get())
    assert client.get(reverse("monitoring:dashboard")).status_code == 403


def test_navigation_shows_the_dashboards_to_the_netwerkoverleg_only(client_for, progress):
    assert "Voortgang</a>" in client_for("netwerkoverleg").get(reverse("monitoring:cockpit")).content.decode()
    html = client_for("kb_staff").get(reverse("monitoring:cockpit")).content.decode()
    assert "Voortgang</a>" not in html
    assert "Mijn acties</a>" in html


@pytest.fixture
def two_years(world):
    """Progress on 2021's programmes (two actions per chapter) and on 2022's (three)."""
    build_progress(world, 2)
    build_progress(world, 3, opgave_slug="opgave-y")
    return world


def test_the_view_per_organisation_opens_on_the_current_programme_year(client_for, two_years):
    response = client_for("netwerkoverleg").get(reverse("monitoring:organisations"))
    assert response.context["filters"]["year"] == 2022
    assert {row.subject: row.total for row in response.context["rows"]}[two_years.kb] == 6  # 3 actions × 2 chapters
    html = response.content.decode()
    assert '<option value="2022" selected>' in html
    assert "jaarprogramma van 2022" in html


def test_the_view_per_organisation_reaches_another_year_and_every_year(client_for, two_years):
    client = client_for("netwerkoverleg")
    response = client.get(reverse("monitoring:organisations"), {"year": 2021})
    assert {row.subject: row.total for row in response.context["rows"]}[two_years.kb] == 4
    response = client.get(reverse("monitoring:organisations"), {"year": "alle"})
    assert "year" not in response.context["filters"]
    assert {row.subject: row.total for row in response.context["rows"]}[two_years.kb] == 10
    html = response.content.decode()
    assert '<option value="alle" selected>' in html
    # htmx asks for the fragment only, with the same filters.
    fragment = client.get(reverse("monitoring:organisations"), {"year": 2021}, HTTP_HX_REQUEST="true")
    assert b"<h1" not in fragment.content and b"jaarprogramma van 2021" in fragment.content


def test_the_other_views_still_open_on_every_year_and_take_alle_from_a_tab_link(client_for, two_years):
    client = client_for("netwerkoverleg")
    assert client.get(reverse("monitoring:actions")).context["page"].paginator.count == 10
    response = client.get(reverse("monitoring:actions"), {"year": "alle", "status": "op-schema"})
    assert not response.context["filter_form"].errors
    assert response.context["filters"] == {"status": "op-schema"}
    organisations = client.get(reverse("monitoring:organisations"), {"year": "alle"}).content.decode()
    assert f'href="{reverse("monitoring:dashboard")}?year=alle"' in organisations
