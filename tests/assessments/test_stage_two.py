"""Stage 2: when it is needed and why, and the groups with no differential impact."""

from django.urls import reverse

from assessments.models import Stage1Answer, Stage2Group
from assessments.report import build_report
from tests.assessments.factories import complete_stage1


def test_section_four_goes_to_check_unless_stage2_is_needed(client_for, cast, draft):
    client = client_for(cast.author)
    url = reverse("assessments:section", args=[draft.pk, "section-4"])
    response = client.post(
        url, {"version": draft.version, "q28-rationale": "None", "continue": "1"}
    )
    assert response["Location"] == reverse("assessments:check", args=[draft.pk])
    Stage1Answer.objects.create(assessment=draft, question_id=7, answer="yes", rationale="r")
    draft.refresh_from_db()
    response = client.post(
        url, {"version": draft.version, "q28-rationale": "None", "continue": "1"}
    )
    assert response["Location"] == reverse("assessments:section", args=[draft.pk, "protected"])


def test_the_task_list_says_why_stage_2_is_needed(client_for, cast, draft):
    complete_stage1(draft, flag=4)
    page = client_for(cast.author).get(draft.get_absolute_url()).content.decode()
    section_1 = reverse("assessments:section", args=[draft.pk, "section-1"])
    assert "Stage 2 is needed because:" in page
    assert (
        f'It may reduce the availability of a service (<a href="{section_1}#question-4">'
        "your answer to question 4</a>)" in page
    )


def test_no_differential_impact_for_many_groups_at_once(client_for, cast, draft):
    complete_stage1(draft, flag=4)
    draft.refresh_from_db()
    groups = list(Stage2Group.objects.filter(kind="protected"))
    url = reverse("assessments:section", args=[draft.pk, "protected"])
    client = client_for(cast.author)
    page = client.post(
        url,
        {"version": draft.version, "no_difference": [g.pk for g in groups], "continue": "1"},
    ).content.decode()
    assert "Say why no differential impact was identified" in page
    assert not draft.impacts.exists()
    page = client.post(
        url,
        {
            "version": draft.version,
            "no_difference": [g.pk for g in groups],
            "no_difference_reason": "Local data shows the same uptake for every group",
            f"g{groups[0].pk}-evidence": "Its own evidence",
            "continue": "1",
        },
    ).content.decode()
    # A ticked group with evidence of its own is two answers: shown back, not half-kept.
    assert "clear its evidence here" in page and "Its own evidence" in page
    assert not draft.impacts.exists()
    client.post(
        url,
        {
            "version": draft.version,
            "no_difference": [g.pk for g in groups],
            "no_difference_reason": "Local data shows the same uptake for every group",
            "continue": "1",
        },
    )
    impacts = {i.group_id: i for i in draft.impacts.all()}
    assert {i.impact for i in impacts.values()} == {"none"} and len(impacts) == len(groups)
    assert impacts[groups[1].pk].evidence == "Local data shows the same uptake for every group"
    problems = {p.field for p in build_report(draft).problems}
    assert not any(f"g{g.pk}-" in field for g in groups for field in problems)


def test_no_differential_impact_can_be_changed_after_saving(client_for, cast, draft):
    complete_stage1(draft, flag=4)
    groups = list(Stage2Group.objects.filter(kind="protected"))
    url = reverse("assessments:section", args=[draft.pk, "protected"])
    client = client_for(cast.author)

    def post(reason, ticked, extra=None):
        draft.refresh_from_db()
        # As a browser sends it: every evidence box as the page showed it.
        page = client.get(url).content.decode()
        data = {"version": draft.version, "no_difference": ticked, "continue": "1"}
        data["no_difference_reason"] = reason
        for group in groups:
            shown = page.split(f'name="g{group.pk}-evidence"')[1].split(">", 1)[1]
            data[f"g{group.pk}-evidence"] = shown.split("</textarea>")[0].strip()
            if f'name="g{group.pk}-impact" type="radio" value="none" checked' in page:
                data[f"g{group.pk}-impact"] = "none"  # the radio as the page showed it
        return client.post(url, data | (extra or {}))

    post("First reason", [g.pk for g in groups])
    post("A better reason", [g.pk for g in groups])
    impacts = {i.group_id: i for i in draft.impacts.all()}
    assert {i.evidence for i in impacts.values()} == {"A better reason"}
    post("A better reason", [g.pk for g in groups[1:]])
    untick = draft.impacts.get(group=groups[0])
    assert (untick.impact, untick.evidence) == ("", "")
    assert draft.impacts.get(group=groups[1]).impact == "none"
