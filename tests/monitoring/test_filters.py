import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_dashboard_tabs_keep_the_filters_but_not_the_page(client_for, world, progress):
    url = reverse("monitoring:actions")
    html = client_for("netwerkoverleg").get(url, {"status": "op-schema", "pagina": 2}).content.decode()
    assert f'href="{reverse("monitoring:organisations")}?status=op-schema"' in html
    assert "pagina=2" not in html.split('class="dashboard-tabs"')[1].split("</nav>")[0]
