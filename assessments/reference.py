"""The Stage 1 questions, sections and Stage 2 groups, from fixtures/assessments/.

The wording is transcribed exactly from the source document (seed 004, appendix 3).
Used by the data migration and by tests that flush the database.
"""

from idmf.core.reference import load_rows

FILES = [
    ("Stage1Section", "stage1_sections.json"),
    ("Stage1Question", "stage1_questions.json"),
    ("Stage2Group", "stage2_groups.json"),
]


def load_reference_data(get_model) -> None:
    load_rows(get_model, "assessments", FILES)
