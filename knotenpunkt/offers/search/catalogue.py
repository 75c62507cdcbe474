"""The catalogue search: totals, facets and pages of the public offers from bit sets.

The public catalogue and the API count and page through bit sets rather than SQL: a
``Snapshot`` holds, per district and catalogue version, the public offers and for each
filter option the set of offers it admits, as Python integers whose bit n stands for the
offer with id n. The text search asks the full-text index for the matching ids as such
bits (the database ORs them into 64-bit words, so that no id passes through Python one by
one). Counting the facets is then a few dozen ANDs and popcounts, and a page a walk over
the offers in the order asked for. The work per search grows with the number of offers
only in these bit operations (microseconds per 100,000 offers), not in joins over the
many-to-many tables, and no rank is computed for every match.
"""

import functools
import hashlib
from dataclasses import dataclass, field

from django.db.models import Value

from knotenpunkt.core.search.bits import _ids, _walk
from knotenpunkt.core.search.words import parse

from .caching import _memo, _shared_get, _shared_set
from .filtering import SORT_NAME, SORT_NEWEST, SORT_RELEVANCE
from .query import TextQuery
from .snapshot import _bits_by_key, snapshot_for

# With fewer results than this a page is taken from the sorted results; with more, from a
# walk over all offers in the order asked for (it soon finds a page's worth).
SORT_BELOW = 2048


@dataclass
class Facets:
    """How many offers each option of a filter would show.

    Each filter's counts apply the query and the *other* filters, not its own: they say
    what choosing that option instead would show. ``total`` applies everything.
    """

    total: int = 0
    categories: dict = field(default_factory=dict)  # category id: count (with sub-categories)
    # Municipality id: count of the offers with a place there, but not those below.
    places: dict = field(default_factory=dict)
    everywhere: int = 0  # online or open to the whole district: counted for every municipality
    languages: dict = field(default_factory=dict)  # language code: count
    target_groups: dict = field(default_factory=dict)  # target group code: count
    free: int = 0

    def for_municipality(self, municipality_id):
        """The offers reachable in the municipality ``municipality_id``."""
        return self.places.get(municipality_id, 0) + self.everywhere


def _text_tiers(text, snapshot_key, district, using):
    """Return the offers that match ``text`` as bit sets, best tier first:
    ``[(tier, bits)]`` (of any state: the caller keeps the public ones)."""
    clauses = parse(text)
    if not clauses:
        return []
    key = None
    if snapshot_key is not None:
        words = [[(term.word, term.negated) for term in clause] for clause in clauses]
        digest = hashlib.sha256(repr(words).encode()).hexdigest()[:32]
        key = f"offers:match:{snapshot_key}:{digest}"
        tiers = _memo.match(key)
        if tiers is None:
            tiers = _shared_get(key)
        if tiers is not None:
            _memo.keep_match(key, tiers)
            return tiers
    query = TextQuery(text, using=using)
    # The words' postings may be kept under the snapshot's key (the catalogue version).
    query.backend.cache_scope = snapshot_key
    found = query.backend.match_tiers(query.clauses, district.pk)
    tiers, taken = [], 0
    for tier in sorted(found, reverse=True):
        bits = found[tier] & ~taken
        taken |= bits
        if bits:
            tiers.append((tier, bits))
    if key is not None:
        _memo.keep_match(key, tiers)
        _shared_set(key, tiers)
    return tiers


class CatalogueSearch:
    """A search of the public catalogue: its total, its facets and any page of it."""

    def __init__(self, snapshot, *, tiers, searched, filters, provider=None, version=(None, None)):
        """``provider``: the bits of the provider's offers, or None."""
        self.snapshot = snapshot
        self.version = version  # (catalogue version, when it changed)
        self.tiers = tiers  # [(tier, bits)], best first; empty without words
        self.searched = searched  # whether there was a text (relevance applies)
        # What the text and the provider admit; the filters come on top.
        self.base = snapshot.everything
        if searched:
            matching = 0
            for _tier, bits in tiers:
                matching |= bits
            self.base &= matching
        if provider is not None:
            self.base &= provider
        self.filters = filters  # filter name: bits
        self.found = self._others()

    def _others(self, name=None):
        bits = self.base
        for other, admitted in self.filters.items():
            if other != name:
                bits &= admitted
        return bits

    @functools.cached_property
    def total(self):
        return self.found.bit_count()

    def facets(self):
        """Return the ``Facets``: the same counts as ``offer_facets``."""
        snapshot = self.snapshot

        def counts(bits, options):
            found = {}
            for key, admitted in options.items():
                if count := (bits & admitted).bit_count():
                    found[key] = count
            return found

        facets = Facets(total=self.total)
        for category, count in counts(self._others("category"), snapshot.categories).items():
            # A category counts the offers of its sub-categories too, as its filter does.
            for pk in (category, snapshot.parents.get(category)):
                if pk:
                    facets.categories[pk] = facets.categories.get(pk, 0) + count
        in_municipality = self._others("municipality")
        facets.places = counts(in_municipality, snapshot.places)
        facets.everywhere = (in_municipality & snapshot.everywhere).bit_count()
        facets.languages = counts(self._others("language"), snapshot.languages)
        facets.target_groups = counts(self._others("target_group"), snapshot.target_groups)
        facets.free = (self._others("free") & snapshot.free).bit_count()
        return facets

    def page(self, offset, limit, sort=SORT_RELEVANCE):
        """Return the ids of the results ``offset`` to ``offset + limit`` in ``sort`` order.

        Relevance (with a text): offers whose title matches first, then those whose summary
        does, then the rest, each by name. Name: title, then id. Newest: by the date of
        publication, the latest first.
        """
        if limit <= 0 or offset >= self.total:
            return []
        if sort != SORT_RELEVANCE or not self.searched or len(self.tiers) < 2:
            return self._page(self.found, offset, limit, sort)
        ids = []
        for _tier, bits in self.tiers:
            bits &= self.found
            count = bits.bit_count()
            if offset >= count:
                offset -= count
                continue
            ids += self._page(bits, offset, limit - len(ids), SORT_NAME, count)
            offset = 0
            if len(ids) == limit:
                break
        return ids

    def _page(self, bits, offset, limit, sort, count=None):
        sort = SORT_NEWEST if sort == SORT_NEWEST else SORT_NAME
        count = bits.bit_count() if count is None else count
        if count <= SORT_BELOW:
            rank = self.snapshot.rank[sort]
            return sorted(_ids(bits), key=rank.__getitem__)[offset : offset + limit]
        order = self.snapshot.newest if sort == SORT_NEWEST else self.snapshot.by_name
        return _walk(order, self.snapshot.blocks[sort], bits, offset, limit)


def catalogue_search(
    *,
    district,
    query="",
    category=None,
    municipality=None,
    language=None,
    target_group=None,
    free=False,
    provider=None,
    today=None,
    using="default",
):
    """Search the public offers of ``district`` (the arguments of ``offer_search``).

    Return a ``CatalogueSearch``; its ``total``, ``facets()`` and ``page(…)`` agree with
    ``offer_facets`` and ``offer_search`` (except that relevance ranks by tiers rather
    than by ``ts_rank``/``bm25``). Queries: the catalogue version; and unless cached, the
    snapshot (ten) and the text (the vocabulary lookup and the match).
    """
    snapshot, key, version = snapshot_for(district, today=today, using=using)
    text = query.text if isinstance(query, TextQuery) else (query or "").strip()
    tiers = _text_tiers(text, key, district, using) if text else []
    filters = {}
    if category is not None:
        filters["category"] = 0
        for pk, parent in snapshot.parents.items():
            if category.pk in (pk, parent):
                filters["category"] |= snapshot.categories.get(pk, 0)
    if municipality is not None:
        filters["municipality"] = snapshot.everywhere | snapshot.places.get(municipality.pk, 0)
    if language is not None:
        filters["language"] = snapshot.languages.get(language, 0)
    if target_group is not None:
        filters["target_group"] = snapshot.target_groups.get(target_group, 0)
    if free:
        filters["free"] = snapshot.free
    if provider is not None:
        # Rare (the organisation pages link to their offers): one query, not cached.
        from ..selectors import public_offers

        public = public_offers(district=district, today=today).using(using)
        provider = _bits_by_key(public.filter(provider=provider), Value(1)).get(1, 0)
    return CatalogueSearch(
        snapshot,
        tiers=tiers,
        searched=bool(text),
        filters=filters,
        provider=provider,
        version=version,
    )
