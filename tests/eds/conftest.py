import pytest

from eds import lifecycle
from tests.eds.factories import EdsReportFactory, authorised, fully_graded


@pytest.fixture
def report(cast):
    """A new EDS report of our organisation, written by the author."""
    return EdsReportFactory(organisation=cast.organisation, created_by=cast.author)


@pytest.fixture
def sign_off(cast):
    """`sign_off(report)`: every outcome graded by the author, who submits it, and the
    report authorised by the approver (for `years`), who publishes it if `publish`."""

    def sign_off(report, *, publish=False, years="2026/27"):
        fully_graded(report, by=cast.author)
        done = authorised(report, author=cast.author, approver=cast.approver, years=years)
        if publish:
            done = lifecycle.publish_report(report=report, by=cast.approver)
        return done

    return sign_off
