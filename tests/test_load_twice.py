"""Loading the agenda a second time changes nothing: no table, history tables included."""

import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def table_contents():
    """Every table's rows, every column: a value changed in place shows as well as a new row."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models()
    }


def test_loading_the_agenda_twice_leaves_every_table_unchanged(agenda, capsys):
    call_command("load_demo_accounts", "--force", verbosity=0)  # accounts with grants to keep
    before = table_contents()
    capsys.readouterr()

    call_command("load_netwerkagenda")

    after = table_contents()
    assert [label for label, rows in after.items() if before[label] != rows] == []
    assert "niets veranderd" in capsys.readouterr().out
