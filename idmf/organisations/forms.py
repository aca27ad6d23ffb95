"""An organisation admin's set-up forms: a member to add, a service to add."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from idmf.core.forms import Form, ModelForm
from idmf.core.models import Role, Service


class AddMemberForm(Form):
    username = forms.CharField(
        label="Username", max_length=150, help_text="The person must already have an account"
    )
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise ValidationError("There is no active account with that username")
        self.cleaned_data["user"] = user
        return username


class AddServiceForm(ModelForm):
    class Meta:
        model = Service
        fields = ["name", "relationship", "core20plus5_area"]
        widgets = {"relationship": forms.RadioSelect}
