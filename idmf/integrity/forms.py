from django import forms

from idmf.core.forms import Form

MAX_BYTES = 10 * 1024 * 1024
MAX_WORDS = "10 MB"


class CheckForm(Form):
    """A PDF to check: one file, a PDF, up to MAX_BYTES."""

    document = forms.FileField(
        label="Upload the PDF",
        help_text=f"The file you were sent or downloaded, up to {MAX_WORDS}",
        error_messages={
            "required": "Select a PDF to check",
            "empty": "The selected file is empty",
        },
    )

    def clean_document(self):
        document = self.cleaned_data["document"]
        if document.size > MAX_BYTES:
            raise forms.ValidationError(f"The selected file must be smaller than {MAX_WORDS}")
        document.seek(0)
        start = document.read(1024)  # a PDF says so near its start
        document.seek(0)
        if b"%PDF-" not in start:
            raise forms.ValidationError("The selected file must be a PDF")
        return document
