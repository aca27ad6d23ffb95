import pytest

from tests.decisions.factories import DecisionRecordFactory


@pytest.fixture
def record(cast):
    """A new decision record of our organisation, written by the author."""
    return DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author)
