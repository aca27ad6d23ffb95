"""Status enums carry their tag: the display text, in the colour named once."""

import pytest
from django.db import models

from idmf.core.status import Tag, TaskStatus, tagged


def test_a_status_tag_is_its_label_in_its_colour():
    assert TaskStatus.IN_PROGRESS.tag == Tag("In progress", "blue")


def test_a_status_without_a_colour_is_refused_when_defined():
    with pytest.raises(ValueError, match=r"Odd: no tag colour for \['b'\]"):

        @tagged({"a": "grey"})
        class Odd(models.TextChoices):
            A = "a", "A"
            B = "b", "B"
