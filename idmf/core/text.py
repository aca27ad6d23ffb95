"""Text as people type it, without the control characters that no one means to type (and
that break XML feeds, e-mail headers and PDFs): every form's text fields pass through
`printable`, and so does what the feed and e-mails read from records stored before."""

import re

# C0 and C1 controls and DEL, but tab, line feed and carriage return (kept in long text).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LINE_BREAKS = re.compile(r"[\t\r\n]+")


def printable(text, *, multiline: bool = True):
    """`text` without control characters; on one line unless `multiline` (tabs and line
    breaks become spaces). Anything not a string is returned as it is."""
    if not isinstance(text, str):
        return text
    text = CONTROL.sub("", text)
    return text if multiline else LINE_BREAKS.sub(" ", text)
