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


def duration(value) -> str:
    """A timedelta in words: "45 seconds", "15 minutes", "1 hour", "2 hours 30 minutes"."""
    seconds = int(value.total_seconds())
    if 0 < seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = int(value.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    if minutes or not parts:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)
