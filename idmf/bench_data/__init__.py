"""Bench data: a large, realistic data set to time pages and queries against.

`python manage.py seed_bench` builds it. Every record is left as the tools' own services
would leave it (statuses reached in order, dates that follow one another, a history row
for each change naming who made it and why), but rows are written in batches with
bulk_create and generated a batch at a time, so that 100,000 assessments fit in memory
and take minutes, not hours.

The builder (`builder`) makes the people and places (`people`), then the assessments,
decision records, actions, EDS reports and board reviews (`assessments`, `decisions`,
`actions`, `eds_and_board`), in the words of `words`, by the draws of `draws`, with their
history (`history`), a batch at a time (`batches`).
"""

from idmf.bench_data.builder import CannotSeed, Sizes, Summary, build_bench_data
from idmf.bench_data.people import BENCH_PASSWORD

__all__ = ["BENCH_PASSWORD", "CannotSeed", "Sizes", "Summary", "build_bench_data"]
