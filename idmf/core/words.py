"""Numbers in words as a page says them: "1 draft", "2 drafts", "no drafts"."""


def count(number: int, singular: str, plural: str | None = None, *, none: str = "") -> str:
    """`number` with its noun, singular or plural ("1 draft", "3 drafts"); `none` (if given)
    for nought ("no drafts")."""
    if number == 0 and none:
        return none
    noun = singular if number == 1 else (plural or f"{singular}s")
    return f"{number} {noun}"
