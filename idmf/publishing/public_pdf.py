"""The public PDF of a record on the register: its key (the record's state, with the actions
it shows) and its page. Asked of the worker when the record is published, so that the
public only ever downloads a PDF already made."""

from idmf.actions.models import Action
from idmf.core import pdf_jobs, records
from idmf.core.pdf import state_key


def public_key(record) -> str:
    return f"public-{state_key(record, actions=Action.objects.of_record(record))}"


def public_page(record):
    """(template, context) of the record's public PDF."""
    return records.kind_for(type(record)).pdf(record)


def prepare(record, *, by) -> None:
    """Ask the worker for the record's public PDF now (it is made once, and kept)."""
    pdf_jobs.prepare(public_key(record), lambda: public_page(record), by=by)
