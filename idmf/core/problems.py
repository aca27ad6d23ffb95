"""A problem found by a rule: a sentence for the user that also knows which field fixes it."""


class Problem(str):
    """Compares and prints as its message; `field` names the form field that fixes it
    ("" when no one field does), so an error summary can link straight to it."""

    field: str

    def __new__(cls, message: str, field: str = ""):
        problem = super().__new__(cls, message)
        problem.field = field
        return problem
