"""Names in the order a German reader expects: case and accents do not separate them.

Code point order puts "AWO" before "Agentur", "DRK" before "Deutsch-Syrischer" and
"Ärztehaus" after "Zentrum". The collation ``kp_german`` sorts by the letters first
(upper and lower case, ä and a, ß and ss alike), then by accents, then by case
(ADR 0019): on PostgreSQL an ICU collation for German made by migration
``core/0003_german_collation``; on SQLite a Python function registered on every
connection (``register_sqlite_collation``). Sort a name with ``german("name")`` (also in
``Meta.ordering``) and a list in Python with ``sort_key``.
"""

import functools
import unicodedata

from django.db.models import F
from django.db.models.functions import Collate

GERMAN = "kp_german"


@functools.lru_cache(maxsize=50_000)
def sort_key(text):
    """Return the key that sorts ``text`` as ``kp_german`` does: the letters without case
    and accents, then the letters without case, then the text itself."""
    text = text or ""
    lower = text.casefold()  # also ß → ss
    letters = "".join(
        char for char in unicodedata.normalize("NFD", lower) if not unicodedata.combining(char)
    )
    return (letters, lower, text)


def german(field, *, descending=False, nulls_first=None, nulls_last=None):
    """An ordering of ``field`` (a text field, or a lookup such as ``municipality__name``)
    by the German collation."""
    expression = Collate(F(field), GERMAN)
    order = expression.desc if descending else expression.asc
    return order(nulls_first=nulls_first, nulls_last=nulls_last)


def _compare(a, b):
    a, b = sort_key(a), sort_key(b)
    return (a > b) - (a < b)


def register_sqlite_collation(sender, connection, **kwargs):
    """Give each new SQLite connection the collation (``connection_created``)."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(GERMAN, _compare)
