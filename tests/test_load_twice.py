"""Loading the agenda a second time changes nothing: no table, history tables included."""

import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def row_counts():
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def test_loading_the_agenda_twice_leaves_every_table_unchanged(agenda, capsys):
    call_command("load_demo_accounts", "--force", verbosity=0)  # accounts with grants to keep
    before = row_counts()
    capsys.readouterr()

    call_command("load_netwerkagenda")

    after = row_counts()
    assert {label: (before[label], n) for label, n in after.items() if before[label] != n} == {}
    assert "niets veranderd" in capsys.readouterr().out
