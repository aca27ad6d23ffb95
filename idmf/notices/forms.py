"""Which e-mails a person gets."""

from django import forms

from idmf.core.forms import Form
from idmf.notices.models import NoticeKind


class NoticePreferencesForm(Form):
    wanted = forms.MultipleChoiceField(
        label="Send me an e-mail when",
        choices=NoticeKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Untick any you do not want",
    )
