"""Dates and times as people write them, in UK time: "28 May 2021", "28 May 2021, 13:55"."""

from django.utils import timezone


def nhs_date(value) -> str:
    if not value:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value) if value.tzinfo else value
    return f"{value.day} {value:%B %Y}"


def nhs_datetime(value) -> str:
    """ "25 November 2026, 13:55", in UK time."""
    if not value:
        return ""
    value = timezone.localtime(value)
    return f"{value.day} {value:%B %Y}, {value:%H:%M}"
