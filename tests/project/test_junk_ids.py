"""Every id read from a request goes through a form field or a helper: junk in any of them
gives the form back with an error, or a 404, never a 500."""

import pytest
from django.urls import reverse

from tests.assessments.factories import AssessmentFactory, complete_stage1
from tests.decisions.factories import DecisionRecordFactory, complete_steps
from tests.eds.factories import EdsReportFactory
from tests.evidence.factories import uptake_table

AGE = 1  # the first Stage 2 group in the reference data

JUNK = ["abc", "", "1.5", "-1", "99999999999999999999999", "1 OR 1=1", "０", "²", "1\x00"]


def assessment(cast, **fields):
    return AssessmentFactory(organisation=cast.organisation, created_by=cast.author, **fields)


def record(cast, at=1):
    made = DecisionRecordFactory(organisation=cast.organisation, created_by=cast.author)
    complete_steps(made, *range(1, at))
    return made


def section(slug, **fields):
    """How to make the URL of a section of a new assessment."""
    return lambda c: reverse("assessments:section", args=[assessment(c, **fields).pk, slug])


def step(number):
    """How to make the URL of step `number` of a record complete up to it."""
    return lambda c: reverse("decisions:step", args=[record(c, at=number).pk, number])


def people(record):
    return reverse("record_people", args=[record._meta.label_lower, record.pk])


# (who posts, how to make the URL, the id-bearing field, other fields the form needs)
CASES = {
    "new assessment: organisation": (
        "author",
        lambda c: reverse("assessments:new"),
        "organisation",
        {"title": "T"},
    ),
    "new decision: organisation": (
        "author",
        lambda c: reverse("decisions:new"),
        "organisation",
        {"title": "T", "kind": "policy"},
    ),
    "about: services": (
        "author",
        section("about"),
        "services",
        {"version": 1, "title": "T", "continue": "1"},
    ),
    "about: version": (
        "author",
        section("about"),
        "version",
        {"title": "T", "continue": "1"},
    ),
    "stage 2: groups with no difference": (
        "author",
        section("protected", stage2_requested=True),
        "no_difference",
        {"version": 1, "no_difference_reason": "r", "continue": "1"},
    ),
    "action plan: submission token": (
        "author",
        section("actions"),
        "submission",
        {"version": 1, "title": "A", "owner": "O", "add": "1"},
    ),
    "step 1: services": (
        "author",
        step(1),
        "services",
        {"version": 1, "title": "T", "kind": "policy", "later": "1"},
    ),
    "step 1: partner organisations": (
        "author",
        step(1),
        "partner_organisations",
        {"version": 1, "title": "T", "kind": "policy", "later": "1"},
    ),
    "step 4: EHIIRA to link": (
        "author",
        step(4),
        "assessment",
        {"version": 1, "link": "1"},
    ),
    "step 6: action token": (
        "author",
        step(6),
        "action-submission",
        {"version": 1, "action-title": "A", "action-owner": "O", "add_action": "1"},
    ),
    "set-up: remove member": (
        "organisation_admin",
        lambda c: reverse("organisation_setup", args=[c.organisation.pk]),
        "remove_member",
        {},
    ),
    "invitations: withdraw": (
        "organisation_admin",
        lambda c: reverse("invitations", args=[c.organisation.pk]),
        "revoke",
        {},
    ),
    "leaver: colleague to pass work to": (
        "organisation_admin",
        lambda c: reverse("close_account", args=[c.organisation.pk, c.viewer.pk]),
        "transfer_to",
        {"reason": "Left"},
    ),
    "colleagues: take off": (
        "author",
        lambda c: people(assessment(c)),
        "remove",
        {},
    ),
    "colleagues: add": (
        "author",
        lambda c: people(assessment(c)),
        "share-person",
        {"share-access": "edit", "add": "1"},
    ),
    "new evidence table: dimension": (
        "author",
        lambda c: reverse("evidence:new"),
        "dimension",
        {"indicator": "T"},
    ),
    "evidence figures: version": (
        "author",
        lambda c: reverse("evidence:figures", args=[uptake_table(c.organisation, by=c.author).pk]),
        "version",
        {},
    ),
    "evidence upload: version": (
        "author",
        lambda c: reverse("evidence:upload", args=[uptake_table(c.organisation, by=c.author).pk]),
        "version",
        {},
    ),
    "step 2: equity evidence": (
        "author",
        step(2),
        "evidence_tables",
        {"version": 1, "later": "1"},
    ),
    "step 6: tables to re-measure": (
        "author",
        step(6),
        "remeasured_tables",
        {"version": 1, "later": "1"},
    ),
    "stage 2: a group's equity evidence": (
        "author",
        section("protected", stage2_requested=True),
        f"g{AGE}-evidence_row_id",
        {"version": 1, "later": "1"},
    ),
    "EDS outcome: equity evidence": (
        "author",
        lambda c: reverse(
            "eds:page",
            args=[
                EdsReportFactory(organisation=c.organisation, created_by=c.author).pk,
                "domain-2",
            ],
        ),
        "2A-evidence_table_id",
        {"version": 1, "later": "1"},
    ),
    "check answers: nothing but the button": (
        "author",
        lambda c: reverse("assessments:check", args=[complete_stage1(assessment(c)).pk]),
        "submit",
        {},
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_junk_ids_never_give_a_500(client_for, cast, case):
    who, make_url, field, data = CASES[case]
    client = client_for(getattr(cast, who))
    for junk in JUNK:
        response = client.post(make_url(cast), {**data, field: junk})
        assert response.status_code in {200, 302, 400, 404}, (junk, response.status_code)


@pytest.mark.parametrize("field", ["organisation", "author", "status", "page"])
def test_junk_in_list_filters_never_gives_a_500(client_for, cast, field):
    client = client_for(cast.viewer)
    lists = ["assessments:index", "decisions:index", "action_list", "evidence:list"]
    for url in [reverse(name) for name in lists]:
        for junk in JUNK:
            assert client.get(url, {field: junk}).status_code == 200, (url, junk)
