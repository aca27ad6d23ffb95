"""Dates and times as people write them, in UK time: "28 May 2021", "28 May 2021 at 1:55pm"."""

from django.utils import timezone


def nhs_date(value) -> str:
    if not value:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value) if value.tzinfo else value
    return f"{value.day} {value:%B %Y}"


def nhs_datetime(value) -> str:
    if not value:
        return ""
    value = timezone.localtime(value)
    hour = value.strftime("%I").lstrip("0") or "12"
    return f"{value.day} {value:%B %Y} at {hour}:{value:%M}{value:%p}".replace("AM", "am").replace(
        "PM", "pm"
    )
