"""The text query: a visitor's words, expanded and matched by the database's index."""

from django.db import connections

from knotenpunkt.core.search.words import parse

from .postgresql import _Postgres
from .sqlite import _SQLite
from .substring import _Substring

_BACKENDS = {"postgresql": _Postgres, "sqlite": _SQLite}


class TextQuery:
    """A visitor's query, its words expanded against the index's vocabulary.

    Build it once per request and pass it to ``offer_search``: the vocabulary lookup is
    one query.
    """

    def __init__(self, text: str, *, using: str = "default"):
        self.text = (text or "").strip()
        self.clauses = parse(self.text) if self.text else []
        self.backend = _BACKENDS.get(connections[using].vendor, _Substring)(using)
        if self.clauses:
            self.backend.expand([term for clause in self.clauses for term in clause])

    def __bool__(self):
        return bool(self.text)

    @property
    def searchable(self):
        """Whether the query has a word to look for (emoji or quotes alone have none)."""
        return bool(self.clauses)

    def filter(self, offers):
        if not self:
            return offers
        if not self.searchable:
            return offers.none()
        return self.backend.filter(offers, self.clauses)

    def rank(self):
        """Return an expression: higher for better matches."""
        return self.backend.rank(self.clauses)
