"""Search of records by the words of their titles.

On PostgreSQL, full-text search over an expression index (each word typed matches a word of
the title that starts with it, in any order); elsewhere (SQLite, the local demo) the same
rule read as "every word typed appears in the title", with no index.
"""

import re

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection

# "simple": no stemming and no stop words, so every word typed counts as typed.
CONFIG = "simple"


def words_in(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def title_search(queryset, text: str, *, field: str = "title"):
    """The records whose `field` has a word starting with each word of `text`."""
    words = words_in(text)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(" & ".join(f"{w}:*" for w in words), config=CONFIG, search_type="raw")
        return queryset.annotate(_words=_vector(field)).filter(_words=query)
    for word in words:
        queryset = queryset.filter(**{f"{field}__icontains": word})
    return queryset


def _vector(field: str) -> SearchVector:
    return SearchVector(field, config=CONFIG)


def title_index(app_label: str, model_name: str, *, name: str, field: str = "title"):
    """A migration operation's pair of functions: add, or remove, the GIN index that
    `title_search` uses, on PostgreSQL only."""

    def index():
        return GinIndex(_vector(field), name=name)

    def add(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.add_index(apps.get_model(app_label, model_name), index())

    def remove(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.remove_index(apps.get_model(app_label, model_name), index())

    return add, remove
