"""The board assurance tool's eight key lines of enquiry, five national priorities and the
prompts of their 40 cells, from fixtures/boardtool/ (transcribed from the Health
Inequalities Leadership Framework board assurance tool, seed 003); and its "About this tool"
text. Used by the data migration and by tests that flush."""

import json

from idmf.core.reference import FIXTURES, load_rows

FILES = [("Kloe", "kloes.json"), ("Priority", "priorities.json"), ("Prompt", "prompts.json")]


def load_reference_data(get_model) -> None:
    load_rows(get_model, "boardtool", FILES)


def about() -> dict:
    """The tool's own introduction: about, the five priorities, how to use it."""
    return json.loads((FIXTURES / "boardtool" / "about.json").read_text(encoding="utf-8"))
