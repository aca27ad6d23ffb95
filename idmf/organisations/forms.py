"""An organisation admin's set-up forms: a member to add, a service to add."""

from django import forms
from django.contrib.auth import get_user_model

from idmf.core.forms import Form, ModelForm, PersonChoiceField
from idmf.core.models import Role, Service


class AddMemberForm(Form):
    """Another role for someone already here. Someone new joins only by accepting an
    invitation sent to their e-mail address, so this page never tells which accounts exist
    elsewhere."""

    user = PersonChoiceField(
        label="Member",
        queryset=get_user_model().objects.none(),
        empty_label="Choose a member",
        help_text="To add someone new, invite them by e-mail: they join when they accept.",
        error_messages={"invalid_choice": "Choose someone who is already a member here"},
    )
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = members


class AddServiceForm(ModelForm):
    class Meta:
        model = Service
        fields = ["name", "relationship", "core20plus5_area"]
        widgets = {"relationship": forms.RadioSelect}
