"""Fixtures shared by the governance tests."""

import pytest

from netwerkagenda.loader import Loader


@pytest.fixture
def organisations(db):
    """The real organisations of the network (fixtures/organisations.yaml), nothing else."""
    loader = Loader()
    loader.load_organisations(loader.read_yaml("organisations.yaml"))
