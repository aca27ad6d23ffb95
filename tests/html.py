"""Reading a page's markup as a person reads it, whatever white space the templates leave."""

import re


def squashed(html: str) -> str:
    """The markup with runs of white space made one space, and none just inside an element:
    `<a href="#x">\\n  Answer  </a>` reads `<a href="#x">Answer</a>`."""
    html = re.sub(r"\s+", " ", html)
    return re.sub(r"\s+(</)", r"\1", re.sub(r"(<[a-z][^>]*>)\s+", r"\1", html))


def text_of(response) -> str:
    """A test client response's page, squashed."""
    return squashed(response.content.decode())
