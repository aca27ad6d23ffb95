"""Choosing what goes in a pack: two reviews of the same subject are told apart by their
version and the meeting each was for."""

import datetime

import pytest
from django.urls import reverse

from boardtool import services
from tests.boardtool.factories import ReviewFactory, approved

pytestmark = pytest.mark.django_db


def test_two_reviews_of_one_subject_show_their_meeting_and_version(cast, client_for):
    first = ReviewFactory(
        organisation=cast.organisation,
        created_by=cast.author,
        meeting_date=datetime.date(2026, 3, 5),
    )
    approved(first, author=cast.author, approver=cast.approver)
    second = services.start_new_version(review=first, by=cast.author)
    second.meeting_date = datetime.date(2026, 9, 17)
    second.save()
    approved(second, author=cast.author, approver=cast.approver)

    page = client_for(cast.board_secretary).get(reverse("boardtool:pack_new")).content.decode()
    assert "Version 1, meeting on 5 March 2026" in page
    assert "Version 2, meeting on 17 September 2026" in page
