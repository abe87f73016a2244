"""The public API: established data only, its schema valid OpenAPI 3, writes with a personal key
under the browser's rules, Dutch errors in one shape, pagination, throttling, query counts."""

import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from monitoring.models import Measurement, ProgressUpdate
from opendata import tokens
from opendata.models import ApiToken
from tests import factories as f

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    response = client.get(url, params)
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return response, response.json()


def post_json(client, url, data, key=None):
    headers = {"Authorization": f"Token {key}"} if key else {}
    return client.post(url, json.dumps(data), content_type="application/json", headers=headers)


def test_the_schema_is_valid_openapi_3(client):
    from openapi_spec_validator import validate

    response = client.get(reverse("api_schema"), {"format": "json"})
    assert response.status_code == 200
    spec = json.loads(response.content)
    assert spec["openapi"].startswith("3.")
    validate(spec)
    for path in ["/api/v1/onderdelen/", "/api/v1/acties/{id}/voortgang/", "/api/v1/indicatoren/{id}/metingen/",
                 "/api/v1/edities/", "/api/v1/gremia/", "/api/v1/organisaties/", "/api/v1/voortgang/",
                 "/api/v1/jaarprogrammas/"]:
        assert path in spec["paths"], path


def test_the_documentation_comes_from_our_own_static_files_without_inline_script(client):
    response = client.get(reverse("api_docs"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "http://" not in html.replace("http://testserver", "") and "https://" not in html
    assert "<script>" not in html and "<style>" not in html
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    script = client.get(reverse("api_docs"), {"script": ""})
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


def test_lists_and_details_show_the_established_version_only(api_agenda, client):
    w = api_agenda
    _, chapters = get(client, reverse("api:chapter-list"))
    assert [c["slug"] for c in chapters["results"]] == ["onderdeel-a", "onderdeel-b"]
    _, chapter = get(client, reverse("api:chapter-detail", args=[w.chapter.pk]))
    text = json.dumps(chapter)
    assert "Vastgestelde ambitie." in text and "Vastgestelde actie" in text and "APICONCEPTX" not in text
    assert chapter["programmes"][0]["actions"][0]["parts"] == [{"letter": "a", "text": "Eerste deel."}]
    assert chapter["programmes"][0]["actions"][0]["carriers"][0]["organisation"]["key"] == "kb"
    _, actions = get(client, reverse("api:action-list"))
    assert [a["title"] for a in actions["results"]] == ["Vastgestelde actie"]
    assert client.get(reverse("api:action-detail", args=[w.draft_action.pk])).status_code == 404
    _, action = get(client, reverse("api:action-detail", args=[w.action.pk]))
    assert action["web_url"].endswith(f"#{w.action.anchor}")
    _, programmes = get(client, reverse("api:programme-list"), jaar=2021)
    assert programmes["count"] == 1
    _, edition = get(client, reverse("api:edition-detail", args=[w.edition.slug]))
    assert [c["id"] for c in edition["chapters"]] == [w.chapter.pk, w.other_chapter.pk]


def test_a_never_established_chapter_does_not_exist_in_the_api(world, client):
    draft = f.ChapterFactory(edition=world.edition, slug="concept", number=9)
    assert client.get(reverse("api:chapter-detail", args=[draft.pk])).status_code == 404
    _, chapters = get(client, reverse("api:chapter-list"))
    assert "concept" not in [c["slug"] for c in chapters["results"]]


def test_action_filters(api_agenda, client):
    w = api_agenda
    assert get(client, reverse("api:action-list"), organisatie="kb")[1]["count"] == 1
    assert get(client, reverse("api:action-list"), organisatie="rijnbrink")[1]["count"] == 0
    assert get(client, reverse("api:action-list"), onderdeel=w.other_chapter.pk)[1]["count"] == 0
    response, body = get(client, reverse("api:action-list"), onderdeel="geen-getal")
    assert response.status_code == 400 and body["fout"]["velden"]["onderdeel"]


@pytest.fixture
def next_edition(api_agenda):
    """A newer edition (the current one from then on) with an established action of its own."""
    edition = f.EditionFactory(slug="2024-2026", title="Netwerkagenda 2024-2026", start_year=2024, end_year=2026)
    chapter = f.ChapterFactory(edition=edition, slug="onderdeel-a", title="Onderdeel A", number=3, position=1)
    programme = f.JaarprogrammaFactory(chapter=chapter, year=2024)
    action = f.ActionFactory(jaarprogramma=programme, number="1", title="Actie van de nieuwe editie")
    f.ActionCarrierFactory(action=action, organisation=api_agenda.kb)
    f.establish(chapter)
    return edition


def test_content_lists_read_the_current_edition_unless_another_or_every_one_is_asked(api_agenda, next_edition,
                                                                                      client):
    def titles(**params):
        return [a["title"] for a in get(client, reverse("api:action-list"), **params)[1]["results"]]

    assert titles() == ["Actie van de nieuwe editie"]
    assert titles(editie="2021-2023") == ["Vastgestelde actie"]
    assert titles(editie="alle") == ["Actie van de nieuwe editie", "Vastgestelde actie"]
    assert get(client, reverse("api:programme-list"))[1]["count"] == 1
    assert get(client, reverse("api:programme-list"), editie="alle")[1]["count"] == 2
    assert get(client, reverse("api:chapter-list"), editie="alle")[1]["count"] == 3
    # A single action of an older edition stays where it was.
    assert client.get(reverse("api:action-detail", args=[api_agenda.action.pk])).status_code == 200


def test_the_action_list_comes_in_pages_of_fifty(world, client):
    programme = f.JaarprogrammaFactory(chapter=world.chapter, year=2021)
    for n in range(60):
        f.ActionFactory(jaarprogramma=programme, number=str(n + 1), title=f"Actie {n + 1}")
    f.establish(world.chapter)
    _, page = get(client, reverse("api:action-list"))
    assert page["count"] == 60 and len(page["results"]) == 50 and page["next"]
    _, page = get(client, reverse("api:action-list"), pagina=2)
    assert len(page["results"]) == 10 and page["next"] is None


def test_errors_are_dutch_and_in_one_shape(client):
    response, body = get(client, reverse("api:chapter-detail", args=[999999]))
    assert response.status_code == 404
    assert set(body["fout"]) == {"status", "code", "melding", "velden"} and body["fout"]["status"] == 404
    assert "gevonden" in body["fout"]["melding"].lower()
    response, body = get(client, "/api/v1/bestaat-niet/")
    assert response.status_code == 404 and body["fout"]["code"] == "not_found"
    response, body = get(client, reverse("api:chapter-list"), pagina=99)
    assert response.status_code == 404 and body["fout"]["melding"] == "Deze pagina bestaat niet."


def test_pagination(world, client):
    for n in range(60):
        f.OrganisationFactory(key=f"org-{n:02}", name=f"Organisatie {n:02}")
    _, page = get(client, reverse("api:organisation-list"))
    assert page["count"] == 66 and len(page["results"]) == 50 and page["next"]
    _, page = get(client, reverse("api:organisation-list"), pagina=2, aantal=10)
    assert len(page["results"]) == 10


def test_progress_updates_are_public_without_their_text(api_agenda, client, client_for):
    w = api_agenda
    f.ProgressUpdateFactory(action=w.action, organisation=w.kb, author=w["kb_staff"], text="Interne toelichting")
    f.ProgressUpdateFactory(action=w.draft_action, organisation=w.kb, author=w["kb_staff"], text="Op concept")
    _, updates = get(client, reverse("api:update-list"))
    assert updates["count"] == 1 and updates["results"][0]["text"] is None
    assert "Interne toelichting" not in json.dumps(updates)
    _, updates = get(client_for("netwerkoverleg"), reverse("api:update-list"))
    assert updates["results"][0]["text"] == "Interne toelichting"
    _, updates = get(client, reverse("api:action-updates", args=[w.action.pk]))
    assert updates["count"] == 1


def test_staff_of_a_carrier_post_a_progress_update_with_their_key(api_agenda, key_for):
    w = api_agenda
    key = key_for(w["kb_staff"])
    url = reverse("api:action-updates", args=[w.action.pk])
    response = post_json(Client(), url, {"organisation": "kb", "date": "2021-06-01", "text": "Gestart via de API.",
                                         "percentage": 20, "status": "op-schema"}, key)
    assert response.status_code == 201, response.content
    update = ProgressUpdate.objects.get()
    assert (update.author, update.organisation, update.text) == (w["kb_staff"], w.kb, "Gestart via de API.")
    w.action.refresh_from_db()
    assert w.action.status == "op-schema"
    assert ApiToken.objects.get().last_used_at is not None


def test_posting_follows_the_browsers_rules(api_agenda, key_for):
    w = api_agenda
    url = reverse("api:action-updates", args=[w.action.pk])
    data = {"organisation": "kb", "date": "2021-06-01", "text": "Poging."}
    response = post_json(Client(), url, data, key_for(w["ob_staff"]))
    assert response.status_code == 403 and response.json()["fout"]["melding"].startswith("Deze gebruiker mag")
    response = post_json(Client(), url, {**data, "organisation": "rijnbrink"}, key_for(w["admin"]))
    assert response.status_code == 403
    response = post_json(Client(), url, data)
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Token")
    response = post_json(Client(), url, {"organisation": "kb"}, key_for(w["kb_staff"]))
    body = response.json()["fout"]
    assert response.status_code == 400 and {"date", "text"} <= set(body["velden"])
    assert body["velden"]["text"] == ["Dit veld is vereist."]
    assert not ProgressUpdate.objects.exists()


def test_a_revoked_key_is_refused(api_agenda, key_for):
    w = api_agenda
    key = key_for(w["kb_staff"])
    tokens.revoke_token(token=ApiToken.objects.get())
    url = reverse("api:action-updates", args=[w.action.pk])
    response = post_json(Client(), url, {"organisation": "kb", "date": "2021-06-01", "text": "Te laat."}, key)
    assert response.status_code == 401
    assert response.json()["fout"]["melding"] == "Deze API-sleutel is ingetrokken."
    assert Client().get(reverse("api:chapter-list"), headers={"Authorization": f"Token {key}"}).status_code == 401
    assert post_json(Client(), url, {}, "na_onbekend").json()["fout"]["melding"] == "Deze API-sleutel is onbekend."
    assert not ProgressUpdate.objects.exists()


def test_an_inactive_accounts_key_is_refused(api_agenda, key_for):
    w = api_agenda
    key = key_for(w["kb_staff"])
    w["kb_staff"].is_active = False
    w["kb_staff"].save()
    response = Client().get(reverse("api:chapter-list"), headers={"Authorization": f"Token {key}"})
    assert response.status_code == 401


def test_the_netwerkoverleg_records_a_measurement(world, key_for):
    indicator = f.IndicatorFactory(edition=world.edition, chapter=world.chapter)
    url = reverse("api:indicator-measurements", args=[indicator.pk])
    data = {"date": "2022-01-01", "value": "5.5", "source": "Bibliotheekmonitor"}
    assert post_json(Client(), url, data, key_for(world["kb_staff"])).status_code == 403
    response = post_json(Client(), url, data, key_for(world["netwerkoverleg"]))
    assert response.status_code == 201, response.content
    measurement = Measurement.objects.get(indicator=indicator)
    assert measurement.recorded_by == world["netwerkoverleg"] and str(measurement.value) == "5.50"
    _, body = get(Client(), reverse("api:indicator-detail", args=[indicator.pk]))
    assert body["measurements"][-1]["source"] == "Bibliotheekmonitor"


def test_indicators_of_a_never_established_chapter_stay_hidden(world, client):
    draft = f.ChapterFactory(edition=world.edition, slug="concept", number=9)
    hidden = f.IndicatorFactory(edition=world.edition, chapter=draft)
    shown = f.IndicatorFactory(edition=world.edition, chapter=world.chapter)
    _, body = get(client, reverse("api:indicator-list"))
    assert [i["id"] for i in body["results"]] == [shown.pk]
    assert client.get(reverse("api:indicator-detail", args=[hidden.pk])).status_code == 404


def test_bodies_list_their_members_and_only_established_chapters(world, client):
    draft = f.ChapterFactory(edition=world.edition, slug="concept", number=9)
    draft.koersgroepen.add(world.koersgroep)
    _, body = get(client, reverse("api:body-detail", args=[world.koersgroep.slug]))
    assert body["chapters"] == [world.chapter.pk]
    assert {m["name"] for m in body["members"]} >= {world["writer"].person.name, world["reader"].person.name}


def test_throttling_answers_429_in_dutch(world, client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.API_THROTTLE_ANON = "2/minute"
    assert client.get(reverse("api:organisation-list")).status_code == 200
    assert client.get(reverse("api:organisation-list")).status_code == 200
    response = client.get(reverse("api:organisation-list"))
    assert response.status_code == 429 and response.json()["fout"]["code"] == "throttled"
    assert "verzoek" in response.json()["fout"]["melding"].lower()
    cache.clear()


def test_a_person_makes_and_revokes_keys_on_the_profile_page(world, client_for):
    client = client_for("kb_staff")
    response = client.post(reverse("profile"), {"name": "Eigen planning"})
    html = response.content.decode()
    token = ApiToken.objects.get()
    key = html.split('<code class="api-key">')[1].split("</code>")[0]
    assert tokens.find_token(key) == token and token.user == world["kb_staff"] and key not in token.key_hash
    assert key not in client.get(reverse("profile")).content.decode()  # shown once
    other = client_for("poi_staff")
    assert other.post(reverse("token_revoke", args=[token.pk])).status_code == 404
    client = client_for("kb_staff")
    assert client.post(reverse("token_revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "ingetrokken op" in client.get(reverse("profile")).content.decode()


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def test_api_lists_keep_their_query_count_at_ten_times_the_real_agenda(agenda, client):
    from jaarprogramma.models import Action
    from opgaven import publication
    from opgaven.models import Chapter

    call_command("load_monitoring", verbosity=0)
    chapter = Chapter.objects.filter(edition=agenda).order_by("number").first()
    action = Action.objects.filter(carriers__isnull=False).first()
    f.ProgressUpdateFactory(action=action, organisation=action.carriers.first().organisation,
                            author=f.UserFactory())
    names = ["edition-list", "chapter-list", "programme-list", "action-list", "update-list", "indicator-list",
             "body-list", "organisation-list"]
    urls = [reverse(f"api:{name}") for name in names] + [reverse("api:chapter-detail", args=[chapter.pk])]
    real = {url: _count(client, url) for url in urls}
    call_command("seed_scale", factor=10, verbosity=0)
    for each in Chapter.objects.filter(edition=agenda):
        publication.publish(each)
    for url in urls:
        assert _count(client, url) == real[url], url


def test_public_decisions_are_in_the_api_and_the_feed(world, client):
    from opgaven.models import Decision, Publication

    public = Decision.objects.create(edition=world.edition, chapter=world.chapter, body=world.netwerkoverleg,
                                     text="Het netwerkoverleg stelt onderdeel A vast.", date="2021-06-16")
    hidden_version = Publication.objects.create(chapter=world.chapter, content={})  # offered, not public
    Decision.objects.create(edition=world.edition, chapter=world.chapter, body=world.koersgroep,
                            version=hidden_version, text="GEHEIMBESLUITX")
    _, body = get(client, reverse("api:decision-list"))
    assert [d["text"] for d in body["results"]] == [public.text]
    assert body["results"][0]["body"] == "netwerkoverleg"
    assert client.get(reverse("api:decision-detail", args=[public.pk])).status_code == 200
    feed = client.get(reverse("feed_decisions")).content.decode()
    assert public.text in feed and "GEHEIMBESLUITX" not in feed
    html = client.get(reverse("zoeken:search"), {"q": "stelt onderdeel"}).content.decode()
    assert f"#besluit-{public.pk}" in html
    assert "GEHEIMBESLUITX" not in client.get(reverse("zoeken:search"), {"q": "geheimbesluitx"}).content.decode()


def test_the_schema_generates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    assert "apiSleutel" in (tmp_path / "schema.yml").read_text()
