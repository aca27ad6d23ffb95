"""What a browser posts to a decision record's step page."""

import datetime

from tests.forms import date_post


def step_post(record, number, **values):
    data = {"version": record.version, "evidence_notes": ""}
    for name, value in values.items():
        if isinstance(value, datetime.date):
            data |= date_post(name, value)
        else:
            data[name] = value
    return data
