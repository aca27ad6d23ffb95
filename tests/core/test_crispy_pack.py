"""Each widget of the NHS.UK crispy template pack renders NHS.UK markup."""

import datetime

import pytest
from django import forms
from django.template import engines

from idmf.core.forms import DateInputField, Form, YesNoField, long_text_field
from tests.html import squashed


class EveryWidgetForm(Form):
    title = forms.CharField(
        label="Title of assessment", max_length=200, help_text="As on the cover"
    )
    overview = long_text_field(label="Overview", max_length=500)
    kind = forms.ChoiceField(label="Kind", choices=[("policy", "Policy"), ("service", "Service")])
    affects_people = YesNoField(label="Will this affect people?")
    groups = forms.MultipleChoiceField(
        label="Who is affected",
        choices=[("patients", "Patients"), ("staff", "Staff")],
        widget=forms.CheckboxSelectMultiple,
    )
    published = forms.BooleanField(label="Publish this record", required=False)
    decided_on = DateInputField(label="Date of decision", help_text="For example, 28 5 2021")


def render(form):
    template = engines["jinja2"].from_string("{{ error_summary(form) }}{{ form|crispy }}")
    return template.render({"form": form})


@pytest.fixture
def blank():
    return squashed(render(EveryWidgetForm()))


@pytest.fixture
def invalid():
    form = EveryWidgetForm(
        {
            "title": "",
            "overview": "x" * 501,
            "decided_on_0": "31",
            "decided_on_1": "2",
            "decided_on_2": "2021",
        }
    )
    assert not form.is_valid()
    return squashed(render(form))


def test_text_input_with_label_and_hint(blank):
    assert '<label class="nhsuk-label" for="id_title">Title of assessment</label>' in blank
    assert '<div class="nhsuk-hint" id="id_title-hint">As on the cover</div>' in blank
    assert (
        '<input class="nhsuk-input" id="id_title" name="title" type="text" maxlength="200" '
        'aria-describedby="id_title-hint">' in blank
    )


def test_textarea_with_character_count(blank):
    assert (
        'class="nhsuk-form-group nhsuk-character-count" data-module="nhsuk-character-count" data-maxlength="500"'
        in blank
    )
    assert '<textarea class="nhsuk-textarea nhsuk-js-character-count" id="id_overview"' in blank
    assert 'id="id_overview-info">You can enter up to 500 characters</div>' in blank


def test_select(blank):
    assert '<select class="nhsuk-select" id="id_kind" name="kind">' in blank
    assert '<option value="policy">Policy</option>' in blank


def test_yes_no_radios_in_a_fieldset_with_legend(blank):
    assert (
        '<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Will this affect people?</legend>'
        in blank
    )
    assert 'class="nhsuk-radios nhsuk-radios--inline" data-module="nhsuk-radios"' in blank
    assert (
        '<input class="nhsuk-radios__input" id="id_affects_people_0" name="affects_people" type="radio" value="yes">'
        in blank
    )
    assert (
        '<label class="nhsuk-label nhsuk-radios__label" for="id_affects_people_1">No</label>'
        in blank
    )


def test_checkboxes(blank):
    assert 'class="nhsuk-checkboxes" data-module="nhsuk-checkboxes"' in blank
    assert (
        '<input class="nhsuk-checkboxes__input" id="id_groups_1" name="groups" type="checkbox" value="staff">'
        in blank
    )


def test_single_checkbox(blank):
    assert (
        '<input class="nhsuk-checkboxes__input" id="id_published" name="published" type="checkbox" value="on">'
        in blank
    )
    assert (
        '<label class="nhsuk-label nhsuk-checkboxes__label" for="id_published">Publish this record</label>'
        in blank
    )


def test_date_input(blank):
    assert (
        '<fieldset class="nhsuk-fieldset" aria-describedby="id_decided_on-hint" role="group">'
        in blank
    )
    assert '<div class="nhsuk-date-input" id="id_decided_on">' in blank
    assert (
        '<label class="nhsuk-label nhsuk-date-input__label" for="id_decided_on_0">Day</label>'
        in blank
    )
    assert 'id="id_decided_on_2" name="decided_on_2" type="text" inputmode="numeric"' in blank
    assert "nhsuk-input--width-4" in blank


def test_no_error_markup_on_a_fresh_form(blank):
    assert "nhsuk-error-summary" not in blank
    assert "nhsuk-error-message" not in blank


def test_field_errors_beside_each_field(invalid):
    assert "nhsuk-form-group nhsuk-form-group--error" in invalid
    assert (
        '<span class="nhsuk-error-message" id="id_title-error"><span class="nhsuk-u-visually-hidden">Error:</span> '
        "Enter the title of assessment</span>" in invalid
    )
    assert 'class="nhsuk-input nhsuk-input--error" id="id_title"' in invalid
    assert "nhsuk-textarea--error" in invalid
    assert "Ensure this value has at most 500 characters (it has 501)." in invalid
    assert "Date of decision must be a real date, for example 28 5 2021" in invalid


def test_error_summary_links_to_each_field(invalid):
    assert '<h2 class="nhsuk-error-summary__heading">There is a problem</h2>' in invalid
    assert '<a href="#id_title">Enter the title of assessment</a>' in invalid
    assert (
        '<a href="#id_affects_people_0">Select an answer: Will this affect people?</a>' in invalid
    )
    assert (
        '<a href="#id_decided_on_0">Date of decision must be a real date, for example 28 5 2021</a>'
        in invalid
    )
    assert "This field is required" not in invalid


def test_entered_values_survive_a_validation_error():
    form = EveryWidgetForm(
        {"title": "Kept <b>title</b>", "affects_people": "no", "groups": ["staff"]}
    )
    html = squashed(render(form))
    assert 'value="Kept &lt;b&gt;title&lt;/b&gt;"' in html
    assert 'id="id_affects_people_1" name="affects_people" type="radio" value="no" checked>' in html
    assert 'id="id_groups_1" name="groups" type="checkbox" value="staff" checked>' in html


@pytest.mark.parametrize(
    "parts,expected",
    [
        (["28", "5", "2021"], datetime.date(2021, 5, 28)),
        (["", "", ""], None),
    ],
)
def test_date_field_reads_day_month_year(parts, expected):
    field = DateInputField(required=False)
    assert field.clean(parts) == expected


@pytest.mark.parametrize("parts", [["31", "2", "2021"], ["x", "5", "2021"], ["1", "1", "21"]])
def test_date_field_rejects_unreal_dates(parts):
    with pytest.raises(forms.ValidationError, match="Due date must be a real date"):
        DateInputField(label="Due date").clean(parts)


def test_date_field_asks_for_every_part():
    with pytest.raises(forms.ValidationError, match="Due date must include a day, month and year"):
        DateInputField(label="Due date").clean(["28", "", "2021"])


def test_no_form_says_this_field_is_required():
    """Every required field's message names the field ("Enter the due date")."""
    from assessments import forms as assessment_forms
    from idmf.actions import forms as action_forms
    from idmf.core import forms as core_forms
    from idmf.decisions import forms as decision_forms
    from idmf.notices import forms as notice_forms
    from idmf.organisations import forms as organisation_forms
    from idmf.people import forms as people_forms

    default = forms.Field.default_error_messages["required"]
    checked = 0
    modules = (
        core_forms,
        action_forms,
        notice_forms,
        organisation_forms,
        people_forms,
        assessment_forms,
        decision_forms,
    )
    for module in modules:
        for form_class in vars(module).values():
            if not (isinstance(form_class, type) and issubclass(form_class, forms.BaseForm)):
                continue
            assert issubclass(form_class, core_forms.NamedErrors), form_class
            for name, field in form_class.base_fields.items():
                if field.required and not field.widget.is_hidden:
                    message = core_forms.required_message(field)
                    assert message != default and field.label, (form_class, name)
                    checked += 1
    assert checked > 15
