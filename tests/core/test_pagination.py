"""The filters above a list are kept a minute, but never show what a person may no longer
choose, nor another person's or another search's choices."""

from django.urls import reverse

from tests.core.factories import MembershipFactory, OrganisationFactory


def filters_of(client, **typed):
    page = client.get(reverse("assessments:index"), typed).content.decode()
    return page.split('class="nhsuk-details app-filters"')[1].split("</details>")[0]


def test_a_new_membership_shows_in_the_filters_at_once(client_for, cast):
    client = client_for(cast.author)
    assert cast.organisation.name in filters_of(client)
    joined = OrganisationFactory(name="Newly Joined Trust")
    assert "Newly Joined Trust" not in filters_of(client)
    MembershipFactory(user=cast.author, organisation=joined, role="author")
    assert "Newly Joined Trust" in filters_of(client)


def test_what_was_typed_is_shown_back_for_that_search_only(client_for, cast):
    client = client_for(cast.author)
    assert 'value="maternity"' in filters_of(client, q="maternity")
    assert 'value="maternity"' not in filters_of(client)
    assert 'value="maternity"' in filters_of(client, q="maternity", page=2)


def test_each_person_gets_their_own_filters(client_for, cast):
    assert cast.other.name not in filters_of(client_for(cast.author))
    assert cast.other.name in filters_of(client_for(cast.outsider))
