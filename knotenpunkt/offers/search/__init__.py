"""Full-text search of offers: German stemming, typo tolerance, facet counts.

``refresh`` keeps ``Offer.search_text`` current; the database indexes it (migration
0003_search_indexes): PostgreSQL with tsvectors and a trigram-indexed vocabulary
(``postgresql``), SQLite with FTS5 (``sqlite``, kept after migrations by ``sqlite_index``),
other databases not at all (``substring``). None of the index is a model field: only this
package reads it.

A visitor's words (``core.search.words``, shared with the directory's search) are looked
up in the vocabulary first (one query). A word that matches nothing gets the indexed words
within one or two typing errors instead; a word of four letters or more also finds the
compounds that contain it ("kurs" finds "Deutschkurs"). ``TextQuery`` (``query``) matches
them with the database's index.

The public catalogue and the API search through ``catalogue_search`` (``catalogue``: bit
sets of a ``Snapshot``, cached under the catalogue version by ``caching``); the embed, the
feed and the map through ``offer_search`` (``filtering``: filter and sort in SQL).

The names below are what the rest of the project uses; import them from this package.
"""

from .caching import catalogue_version
from .catalogue import Facets, catalogue_search
from .filtering import SORT_NAME, SORT_NEWEST, SORT_RELEVANCE, filter_conditions, offer_search
from .offer_text import plain_text, refresh, search_text
from .query import TextQuery
from .snapshot import warm_up_snapshots
from .sqlite_index import ensure_sqlite_index

__all__ = [
    "SORT_NAME",
    "SORT_NEWEST",
    "SORT_RELEVANCE",
    "Facets",
    "TextQuery",
    "catalogue_search",
    "catalogue_version",
    "ensure_sqlite_index",
    "filter_conditions",
    "offer_search",
    "plain_text",
    "refresh",
    "search_text",
    "warm_up_snapshots",
]
