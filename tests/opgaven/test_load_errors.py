import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from governance.models import Organisation


def test_it_reports_a_broken_fixture_in_dutch(db, tmp_path):
    (tmp_path / "organisations.yaml").write_text("- key: kb\n  name: KB\n  type: KB\n")
    with pytest.raises(CommandError, match="kon niet worden geladen"):
        call_command("load_netwerkagenda", dir=str(tmp_path))
    assert not Organisation.objects.exists()
