import pytest

from assessments.models import Assessment
from idmf.core.search import title_search
from tests.assessments.factories import AssessmentFactory


@pytest.fixture
def titles(cast):
    for title in ["Maternity services review", "Diabetes clinic move", "Community maternity hub"]:
        AssessmentFactory(organisation=cast.organisation, created_by=cast.author, title=title)

    def found(text):
        return set(title_search(Assessment.objects.all(), text).values_list("title", flat=True))

    return found


def test_each_word_typed_matches_the_start_of_a_word_of_the_title(titles):
    assert titles("matern") == {"Maternity services review", "Community maternity hub"}
    assert titles("HUB mat") == {"Community maternity hub"}  # any order, any case
    assert titles("clinic, diabetes!") == {"Diabetes clinic move"}  # punctuation is not a word


def test_nothing_typed_matches_everything_and_an_unknown_word_nothing(titles):
    assert len(titles("  ")) == 3
    assert titles("orthopaedics") == set()
