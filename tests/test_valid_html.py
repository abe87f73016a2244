"""Issue 18: every page the permission matrix reaches, as every persona, is valid HTML.

The Nu Html Checker (W3C's vnu.jar, from npm's `vnu-jar`, pinned in .ci/run) reads them all in one
run with the machine's Java. Without Java or the jar the test fails in CI and skips elsewhere."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PERSONAS, _unavailable
from tests.test_permission_matrix import ROWS, drafted  # noqa: F401 (drafted is a fixture)

pytestmark = pytest.mark.django_db

VNU_JAR = Path(os.environ.get("VNU_JAR", Path(__file__).parent.parent / ".vnu/node_modules/vnu-jar/build/dist/vnu.jar"))


@pytest.fixture(scope="session")
def vnu():
    java = shutil.which("java")
    if not java:
        _unavailable("Java ontbreekt (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        _unavailable(f"vnu.jar ontbreekt ({VNU_JAR}; npm install --prefix .vnu vnu-jar, zie .ci/run)")
    return [java, "-Xss4m", "-jar", str(VNU_JAR)]


def _pages(world, client_for, folder):
    """Every HTML page a GET row of the matrix answers with 200, per persona, written to `folder`."""
    written = {}
    for persona in PERSONAS:
        for index, row in enumerate(ROWS):
            if row.method != "get" or row.expected[persona] != 200:
                continue
            client = client_for(persona)
            url = row.url(world)
            try:
                response = client.get(url, row.data(world))
            except Exception:  # noqa: BLE001, S112 (a crashing page is the permission matrix's failure, not ours)
                continue
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            path = folder / f"{persona}-{index:03d}.html"
            path.write_bytes(response.content)
            written[str(path)] = f"{persona}: {row.name} ({url})"
    return written


def test_every_page_is_valid_html_for_every_persona(vnu, drafted, client_for, tmp_path):  # noqa: F811
    pages = _pages(drafted, client_for, tmp_path)
    assert len(pages) > 100
    result = subprocess.run([*vnu, "--format", "json", "--errors-only", "--exit-zero-always", "--stdout", *pages],
                            capture_output=True, check=True, timeout=600)
    messages = json.loads(result.stdout)["messages"]
    errors = [f"{pages.get(m.get('url', '').removeprefix('file:'), m.get('url'))} line {m.get('lastLine')}: "
              f"{m['message']}" for m in messages if m["type"] == "error" or m.get("subType") == "fatal"]
    assert errors == [], f"{len(errors)} errors:\n" + "\n".join(errors[:40])


def test_the_real_agenda_is_valid_html(vnu, agenda, client, tmp_path):
    """Figures, charts, footnotes cited twice and long tables: what the factories do not make."""
    from governance.models import Meeting
    from opgaven.models import Chapter

    urls = ["/", "/monitoring/cockpit/", "/gremia/", "/organisaties/", "/totstandkoming/", "/besluiten/"]
    urls += [chapter.get_absolute_url() for chapter in Chapter.objects.filter(edition=agenda)]
    urls += [meeting.get_absolute_url() for meeting in Meeting.objects.filter(is_public=True)]
    pages = {}
    for index, url in enumerate(urls):
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / f"{index:03d}.html"
        path.write_bytes(response.content)
        pages[str(path)] = url
    result = subprocess.run([*vnu, "--format", "json", "--errors-only", "--exit-zero-always", "--stdout", *pages],
                            capture_output=True, check=True, timeout=600)
    errors = [f"{pages.get(m.get('url', '').removeprefix('file:'), m.get('url'))} line {m.get('lastLine')}: "
              f"{m['message']}" for m in json.loads(result.stdout)["messages"]]
    assert errors == [], f"{len(errors)} errors:\n" + "\n".join(errors[:40])
