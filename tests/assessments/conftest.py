import pytest

from tests.assessments.factories import AssessmentFactory


@pytest.fixture
def draft(cast):
    """A new assessment of our organisation, written by the author."""
    return AssessmentFactory(organisation=cast.organisation, created_by=cast.author)
