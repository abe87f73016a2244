"""Fixtures shared by the governance tests."""

import pytest

from governance.models import OrganisationType
from netwerkagenda.loader import Loader
from tests import factories as f


@pytest.fixture
def organisations(db):
    """The real organisations of the network (fixtures/organisations.yaml), nothing else."""
    loader = Loader()
    loader.load_organisations(loader.read_yaml("organisations.yaml"))


@pytest.fixture
def kb(db):
    """The KB alone, for imports that only need one known organisation."""
    return f.OrganisationFactory(key="kb", name="Koninklijke Bibliotheek", short_name="KB", type=OrganisationType.KB)
