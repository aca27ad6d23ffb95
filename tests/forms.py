"""What a browser posts for the NHS.UK date input: day, month and year boxes."""

import datetime


def date_post(name: str, value: datetime.date | None) -> dict[str, str]:
    if value is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {
        f"{name}_0": str(value.day),
        f"{name}_1": str(value.month),
        f"{name}_2": str(value.year),
    }
