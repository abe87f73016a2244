from django.core.management import call_command
from django.urls import reverse

from governance.models import Organisation
from jaarprogramma.models import Action
from monitoring.models import ProgressUpdate


def test_seed_scale_multiplies_the_agenda_and_can_run_again(agenda):
    real_actions = Action.objects.count()
    real_orgs = Organisation.objects.count()
    call_command("seed_scale", factor=3, verbosity=0)
    assert Action.objects.count() == 3 * real_actions
    assert Organisation.objects.count() == 3 * real_orgs
    assert ProgressUpdate.objects.exists()
    call_command("seed_scale", factor=3, verbosity=0)
    assert Action.objects.count() == 3 * real_actions
    call_command("seed_scale", factor=1, verbosity=0)
    assert Action.objects.count() == real_actions


def test_dashboards_keep_their_query_count_at_ten_times_the_real_agenda(agenda, admin_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call_command("load_monitoring", verbosity=0)
    names = ["dashboard", "organisations", "matrix", "indicators", "actions", "success_criteria", "cockpit"]
    real = {}
    for name in names:
        admin_client.get(reverse(f"monitoring:{name}"))
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(reverse(f"monitoring:{name}")).status_code == 200
        real[name] = len(queries)
    call_command("seed_scale", factor=10, verbosity=0)
    for name in names:
        with CaptureQueriesContext(connection) as queries:
            admin_client.get(reverse(f"monitoring:{name}"))
        assert len(queries) == real[name], name
