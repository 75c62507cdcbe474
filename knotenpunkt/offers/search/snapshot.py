"""The public offers of a district at one catalogue version, as bit sets (``Snapshot``)."""

import functools
import time
import uuid
from dataclasses import dataclass

from django.db import connections
from django.db.models import F, Q, Value
from django.utils import timezone

from knotenpunkt.core.collation import german
from knotenpunkt.core.search.bits import _bits, _bits_from_words, _blocks, _pairs_of_words

from .caching import (
    CACHE_FORMAT,
    _memo,
    _shared_get,
    _shared_set,
    catalogue_version,
    snapshots_in_process,
)
from .filtering import SORT_NAME, SORT_NEWEST
from .query import _BACKENDS

# Warming up starts no further district after this many seconds (the first always).
WARM_UP_SECONDS = 10


@dataclass
class Snapshot:
    """The public offers of a district at one catalogue version, as bit sets of ids."""

    by_name: list  # ids, by title then id
    newest: list  # ids, published_at descending (never published last), then id descending
    everything: int
    parents: dict  # category id: parent id (every category of the district)
    categories: dict  # category id: offers of that category (not of its children)
    free: int
    everywhere: int  # online or for the whole district
    places: dict  # municipality id: offers with a place there, except ``everywhere``
    languages: dict  # language code: offers
    target_groups: dict  # target group code: offers

    @functools.cached_property
    def rank(self):
        """{sort: {id: place in that order}}, for sorting a few results."""
        return {
            SORT_NAME: {pk: place for place, pk in enumerate(self.by_name)},
            SORT_NEWEST: {pk: place for place, pk in enumerate(self.newest)},
        }

    @functools.cached_property
    def blocks(self):
        """{sort: ``_blocks`` of that order}, for a page of many results."""
        return {SORT_NAME: _blocks(self.by_name), SORT_NEWEST: _blocks(self.newest)}

    def __getstate__(self):
        state = self.__dict__.copy()
        # Quicker to rebuild than to store.
        state.pop("rank", None)
        state.pop("blocks", None)
        return state


def _bits_by_key(rows, key, offer="pk"):
    """Return {key: bits of the offers} for the ``rows`` (a queryset) grouped by ``key``.

    The database ORs the ids into words (see ``_bits_from_words``): no id passes through
    Python one by one.
    """
    rows = rows.order_by().values(kp_key=F(key) if isinstance(key, str) else key, kp_id=F(offer))
    connection = connections[rows.db]
    if connection.vendor not in _BACKENDS:
        found = {}
        for row in rows:
            found.setdefault(row["kp_key"], []).append(row["kp_id"])
        return {key: _bits(ids) for key, ids in found.items()}
    inner, params = rows.query.sql_with_params()
    if connection.vendor == "postgresql":
        word = "kp_id / 64, bit_or(CAST(1 AS bigint) << CAST(kp_id %% 64 AS integer))"
    else:  # SQLite: see _SQLite.MATCH; DISTINCT, as an offer may have two places in one
        word = "kp_id / 32, sum(DISTINCT 1 << (kp_id %% 32))"
    sql = f"SELECT kp_key, {word} FROM ({inner}) AS kp_rows GROUP BY 1, 2"  # noqa: S608
    words = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for key, index, value in cursor.fetchall():
            words.setdefault(key, []).append((index, value))
    if connection.vendor == "sqlite":
        return {key: _bits_from_words(_pairs_of_words(pairs)) for key, pairs in words.items()}
    return {key: _bits_from_words(pairs) for key, pairs in words.items()}


def _build_snapshot(district, today, using):
    """Read the public offers of ``district`` into a ``Snapshot``: ten queries."""
    from ..models import Category, Cost, Offer, OfferPlace
    from ..selectors import public_offers

    public = public_offers(district=district, today=today).using(using)
    everywhere = _bits_by_key(
        public.filter(Q(is_online=True) | Q(serves_whole_district=True)), Value(1)
    ).get(1, 0)
    public_ids = public.values("pk")

    def related(model, column):
        return _bits_by_key(
            model.objects.using(using).filter(offer_id__in=public_ids), column, offer="offer_id"
        )

    newest = public.order_by(F("published_at").desc(nulls_last=True), "-pk")
    return Snapshot(
        by_name=list(public.order_by(german("title"), "pk").values_list("pk", flat=True)),
        newest=list(newest.values_list("pk", flat=True)),
        everything=_bits_by_key(public, Value(1)).get(1, 0),
        parents=dict(
            Category.objects.using(using).in_district(district).values_list("pk", "parent_id")
        ),
        categories=_bits_by_key(public, "category_id"),
        free=_bits_by_key(public.filter(cost=Cost.FREE), Value(1)).get(1, 0),
        everywhere=everywhere,
        places={
            key: bits & ~everywhere for key, bits in related(OfferPlace, "municipality_id").items()
        },
        languages=related(Offer.languages.through, "spokenlanguage_id"),
        target_groups=related(Offer.target_groups.through, "targetgroup_id"),
    )


def snapshot_for(district, *, today=None, using="default"):
    """Return the ``Snapshot`` of ``district``'s public offers today, its cache key (None
    where the database has no catalogue version) and ``catalogue_version()``."""
    from ..services import confirmation_deadline

    today = today or timezone.localdate()
    version, changed = catalogue_version(using)
    if version is None:
        # Nothing to cache under: a new value each time, so that nothing is reused.
        return _build_snapshot(district, today, using), None, (uuid.uuid4().hex, None)
    deadline = confirmation_deadline(district, today)
    key = f"offers:{CACHE_FORMAT}:snapshot:{using}:{district.pk}:{version}:{today}:{deadline}"
    slot = (using, district.pk)
    snapshot = _memo.snapshot(slot, key)
    if snapshot is None:
        snapshot = _shared_get(key)
        if snapshot is None:
            snapshot = _build_snapshot(district, today, using)
            _shared_set(key, snapshot)
        # Built now, not in the middle of a later search.
        snapshot.rank  # noqa: B018
        snapshot.blocks  # noqa: B018
        _memo.keep_snapshot(slot, key, snapshot)
    return snapshot, key, (version, changed)


def warm_up_snapshots(*, using="default"):
    """Load or build the snapshots of the districts with the most published offers, as
    many as a process keeps (``caching.snapshots_in_process``); return their district ids.

    Called when a server process starts (``core.warmup``) and by the task worker's periodic
    job, which keeps the shared cache filled after each change to the catalogue, so that a
    web process loads a snapshot (milliseconds) instead of building it (a second or more).
    """
    from django.db.models import Count

    from knotenpunkt.districts.models import District

    from ..models import Offer

    busiest = (
        Offer.objects.using(using)
        .published()
        .values("district_id")
        .annotate(published=Count("pk"))
        .order_by("-published", "district_id")
        .values_list("district_id", flat=True)[: snapshots_in_process()]
    )
    ids = list(busiest)
    by_id = District.objects.using(using).in_bulk(ids)
    districts = [by_id[pk] for pk in ids if pk in by_id]  # the busiest first
    warmed, deadline = [], time.monotonic() + WARM_UP_SECONDS
    for district in districts:
        if warmed and time.monotonic() > deadline:
            break  # gunicorn kills a worker that boots for longer than its --timeout
        snapshot_for(district, using=using)
        warmed.append(district.pk)
    return warmed
