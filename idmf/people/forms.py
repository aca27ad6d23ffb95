"""Inviting someone, joining by invitation, closing a leaver's account, adding a
colleague to a record."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from idmf.core.forms import Form, PersonChoiceField
from idmf.core.models import Role, Share


class InviteForm(Form):
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        help_text="Their NHSmail address, if they have one",
    )
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect)


class JoinForm(Form):
    """A person invited sets up their account with a password."""

    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    password = forms.CharField(
        label="Password",
        widget=forms.PasswordInput(render_value=True),
        help_text="At least 8 characters, not only numbers, and not a common password",
    )
    password_again = forms.CharField(
        label="Password again", widget=forms.PasswordInput(render_value=True)
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        from django.contrib.auth import password_validation

        cleaned = super().clean()
        password = cleaned.get("password")
        if password and cleaned.get("password_again") and password != cleaned["password_again"]:
            self.add_error("password_again", "Enter the same password twice")
        elif password:
            person = get_user_model()(
                username=self.email,
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password, person)
            except ValidationError as error:
                self.add_error("password", error)
        return cleaned


class CloseAccountForm(Form):
    transfer_to = PersonChoiceField(
        label="Pass their drafts and open actions to",
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="Nobody: leave them as they are",
        error_messages={
            "invalid_choice": "Choose someone who may edit records here (an author), or nobody"
        },
    )
    reason = forms.CharField(
        label="Why the account is being closed",
        max_length=500,
        help_text="For example: left the organisation on 30 November",
    )

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["transfer_to"].queryset = colleagues


class ShareForm(Form):
    person = PersonChoiceField(
        label="Colleague",
        queryset=get_user_model().objects.none(),
        empty_label="Choose a colleague",
    )
    access = forms.ChoiceField(
        label="What they may do",
        choices=Share.Access.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = colleagues
