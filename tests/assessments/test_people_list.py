"""Twenty-five people in one press: a list pasted one a line is added with the rows typed
above it, without JavaScript; a line that cannot be read is shown back with the reason."""

from django.urls import reverse

from assessments.forms import people_in


def post(client, draft, pasted, **rows):
    return client.post(
        reverse("assessments:section", args=[draft.pk, "people"]),
        {
            "version": draft.version,
            "people-TOTAL_FORMS": "1",
            "people-INITIAL_FORMS": "0",
            "people-0-name": rows.get("name", ""),
            "people-0-job_title": rows.get("job_title", ""),
            "list-pasted": pasted,
            "continue": "1",
        },
    )


def test_a_pasted_list_adds_everyone_at_once(client_for, cast, draft):
    pasted = "\n".join(f"Person {n}, Analyst, team {n}" for n in range(1, 26))
    response = post(client_for(cast.author), draft, pasted, name="Steve McCue", job_title="Manager")
    assert response.status_code == 302
    people = list(draft.people.values_list("name", "job_title"))
    assert len(people) == 26
    assert people[0] == ("Steve McCue", "Manager")
    assert people[1] == ("Person 1", "Analyst, team 1")  # the first comma divides


def test_a_line_that_cannot_be_read_is_shown_back_and_nothing_is_saved(client_for, cast, draft):
    pasted = "Ada Lovelace, Head of EDI\nGrace Hopper"
    page = post(client_for(cast.author), draft, pasted).content.decode()
    assert "<title>Error: " in page
    assert "Line 2: write the name, a comma, then the job title" in page
    assert "Ada Lovelace, Head of EDI\nGrace Hopper" in page
    assert not draft.people.exists()


def test_reading_a_pasted_list():
    assert people_in("A, B\n\n  C ,  D, E  \n") == ([("A", "B"), ("C", "D, E")], [])
    assert people_in("No comma")[1] == ["Line 1: write the name, a comma, then the job title"]
    assert people_in(", title")[1] == ["Line 1: write the name, a comma, then the job title"]
