"""Script in any editable field comes back inert: stripped on save, escaped when shown."""

import pytest
from django.urls import reverse
from django.utils import timezone

from opgaven import editables
from tests import factories as f

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">klik</a>',
    '<svg onload=alert(1)>',
    '"><script>alert(1)</script>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<iframe src="https://evil.example"></iframe>',
    '[klik](javascript:alert(1))',
]

DANGEROUS = ["<script", "onerror", "javascript:", "<svg", "onload", "<iframe", "<img"]


def assert_inert(html):
    lowered = html.lower()
    for marker in DANGEROUS:
        assert marker not in lowered, marker


def body(response):
    html = response.content.decode()
    # Our own pages load scripts from static files only; look at the content area.
    return html[html.index('id="inhoud"'):html.index("</main>")]


@pytest.fixture
def content(world):
    chapter = world.chapter
    section = f.SectionFactory(chapter=chapter, aspects=["context", "ambitie", "bijdrage"])
    ambition = f.AmbitionFactory(chapter=chapter)
    contribution = f.ContributionFactory(chapter=chapter, organisation=world.kb)
    programme = f.JaarprogrammaFactory(chapter=chapter)
    criterion = f.SuccessCriterionFactory(jaarprogramma=programme)
    action = f.ActionFactory(jaarprogramma=programme)
    return {
        section: {"title": "P", "body": None},
        ambition: {"text": None},
        contribution: {"organisation": world.kb.pk, "kind": "inhoudelijk", "text": None, "amount_period": None},
        criterion: {"text": None},
        action: {"number": "1", "title": None, "theme": None, "description": None},
    }


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_every_editable_field_come_back_inert(client_for, world, content, payload):
    client = client_for("writer")
    for item, fields in content.items():
        data = {name: (payload + " tekst" if value is None else value) for name, value in fields.items()}
        data["version"] = type(item).objects.get(pk=item.pk).version
        response = client.post(editables.url_for_item("edit", item, world.chapter), data)
        assert response.status_code == 302, (item, response.content.decode()[:500])
        item.refresh_from_db()
        for name, value in fields.items():
            if value is None:
                assert_inert(getattr(item, name))
    comment_url = reverse("opgaven:chapter_comments", args=[world.edition.slug, world.chapter.slug])
    client.post(comment_url, {"text": payload + " commentaar"})
    world.chapter.established_at = timezone.now()
    world.chapter.save()
    pages = [
        world.chapter.get_absolute_url(),
        reverse("opgaven:chapter_edit", args=[world.edition.slug, world.chapter.slug]),
        comment_url,
        *[editables.url_for_item("history", item, world.chapter) for item in content],
    ]
    for url in pages:
        assert_inert(body(client.get(url)))
    assert_inert(body(client_for("anonymous").get(world.chapter.get_absolute_url())))


def test_allowed_formatting_survives(client_for, world):
    ambition = f.AmbitionFactory(chapter=world.chapter)
    url = editables.url_for_item("edit", ambition, world.chapter)
    client_for("writer").post(url, {"text": "> citaat\n\n**vet** & <em>nadruk</em>", "version": 1})
    ambition.refresh_from_db()
    assert ambition.text == "> citaat\n\n**vet** & <em>nadruk</em>"
