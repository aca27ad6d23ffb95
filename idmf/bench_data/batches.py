"""Writing bench data a batch at a time: rows are inserted with bulk_create (with the history
rows they call for) and generated a batch at a time, so that 100,000 of them fit in memory."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

from django.db import transaction
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_model_for_model

from idmf.bench_data.history import history_rows

BATCH = 2000


@contextmanager
def _stamps_as_given(model):
    """Let bulk_create store the `updated_at` the builder chose: an auto_now field would
    stamp every row with the moment of the insert instead. Put back afterwards."""
    stamped = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    for f in stamped:
        f.auto_now = False
    try:
        yield
    finally:
        for f in stamped:
            f.auto_now = True


def _chunks(rows: Iterable, size: int = BATCH) -> Iterator[list]:
    """`rows` a batch at a time: a generator's rows are made only as each batch is taken."""
    rows = iter(rows)
    while chunk := list(islice(rows, size)):
        yield chunk


class Batches:
    """The builder's writing: its rows and history rows counted in `rows` and `history`."""

    def _insert(self, model, objs: list) -> list:
        """Insert one batch of rows (getting their ids) and the history rows they call for."""
        with _stamps_as_given(model):
            model._default_manager.bulk_create(objs)
        self.rows[model] += len(objs)
        try:
            history = get_history_model_for_model(model)
        except NotHistoricalModelError:
            return objs
        rows = history._default_manager.bulk_create(history_rows(model, objs))
        self.history += len(rows)
        return objs

    def _insert_all(self, model, objs: Iterable) -> None:
        for chunk in _chunks(objs):
            self._insert(model, chunk)

    def _make(self, model, new, count: int, *, parts=None, each=None) -> None:
        """Make `count` rows of `model` (`new(org)` each, for organisations drawn by
        `_by_weight`), a batch at a time, each batch in one transaction with its parts
        (`parts(batch)`: (model, rows) pairs); then `each(row)` for the batch's rows."""
        for chunk in _chunks(new(org) for org in self._by_weight(count)):
            with transaction.atomic():
                self._insert(model, chunk)
                for part, rows in parts(chunk) if parts else ():
                    self._insert_all(part, rows)
            for row in chunk if each else ():
                each(row)
