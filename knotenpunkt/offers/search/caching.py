"""What the search keeps, and the catalogue version it keeps it under.

Snapshots and text matches are cached under the catalogue version (migration
0004_catalogue_version: triggers give it a new value with every write to the offers, their
places, languages, target groups and the categories) and the day (offers leave the
catalogue when they become stale or end), SQLite's vocabulary under the version alone: in
the process, and in Django's cache for the other server processes. A cached result is
therefore never stale. If the cache fails, the search still works, only slower.

What a process keeps is bounded (ADR 0022), least recently used out first: the snapshots
of the districts searched most recently (``KNOTENPUNKT_SEARCH_SNAPSHOTS``), the matches of
the texts searched most recently (``KNOTENPUNKT_SEARCH_MATCHES``) and, on PostgreSQL, the
postings of the words searched most recently (``KNOTENPUNKT_SEARCH_TERMS``), so that a
worker of an installation with many districts does not grow with each district it served.
"""

import datetime
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import connections

SNAPSHOT_TIMEOUT = 24 * 3600
# Part of every cache key: raise it when what is cached changes shape.
CACHE_FORMAT = 1
# Defaults of the settings below: snapshots (about 1–2 MB each per 100,000 offers of a
# district) and text matches (up to three bit sets of 12.5 kB per 100,000 offers) per process.
SNAPSHOTS_IN_PROCESS = 8
MATCHES_IN_PROCESS = 64
# The postings of single words (PostgreSQL), up to three bit sets each.
TERMS_IN_PROCESS = 128
# The databases whose migrations made the version table (0004_catalogue_version).
VERSIONED_VENDORS = ("postgresql", "sqlite")


def catalogue_version(using="default"):
    """Return ``(version, changed_at)`` of the offers catalogue (of all districts).

    ``(None, None)`` on a database without the version table (no caching there).
    """
    connection = connections[using]
    if connection.vendor not in VERSIONED_VENDORS:
        return None, None
    with connection.cursor() as cursor:
        cursor.execute("SELECT version, changed_at FROM offers_catalogue_version WHERE id = 1")
        row = cursor.fetchone()
    if row is None:
        return None, None
    version, changed_at = row
    if isinstance(changed_at, str):  # SQLite: UTC as text
        changed_at = datetime.datetime.fromisoformat(changed_at).replace(tzinfo=datetime.UTC)
    return version, changed_at


def snapshots_in_process():
    """How many districts' snapshots a process keeps (``KNOTENPUNKT_SEARCH_SNAPSHOTS``)."""
    return max(1, getattr(settings, "KNOTENPUNKT_SEARCH_SNAPSHOTS", SNAPSHOTS_IN_PROCESS))


def matches_in_process():
    """How many texts' matches a process keeps (``KNOTENPUNKT_SEARCH_MATCHES``)."""
    return max(1, getattr(settings, "KNOTENPUNKT_SEARCH_MATCHES", MATCHES_IN_PROCESS))


def terms_in_process():
    """How many words' postings a process keeps (``KNOTENPUNKT_SEARCH_TERMS``)."""
    return max(1, getattr(settings, "KNOTENPUNKT_SEARCH_TERMS", TERMS_IN_PROCESS))


class LRU:
    """A dict of at most ``size()`` entries: the least recently used goes first."""

    def __init__(self, size):
        self.size = size  # a function, so that a changed setting applies at once
        self.entries = OrderedDict()

    def get(self, key):
        value = self.entries.get(key)
        if value is not None:
            self.entries.move_to_end(key)
        return value

    def put(self, key, value):
        self.entries[key] = value
        self.entries.move_to_end(key)
        limit = self.size()
        while len(self.entries) > limit:
            self.entries.popitem(last=False)

    def __len__(self):
        return len(self.entries)

    def __contains__(self, key):
        return key in self.entries


class _Memo:
    """What this process keeps: the snapshots of the districts and the text matches used
    most recently (``LRU``), SQLite's vocabulary."""

    def __init__(self):
        self.lock = threading.Lock()
        self.snapshots = LRU(snapshots_in_process)  # (database, district id): (key, snapshot)
        self.matches = LRU(matches_in_process)  # key: tiers
        self.terms = LRU(terms_in_process)  # (scope, district, alternatives): postings
        self.words = None  # (key, the words of SQLite's full-text index)

    def snapshot(self, slot, key):
        with self.lock:
            kept = self.snapshots.get(slot)
        return kept[1] if kept and kept[0] == key else None

    def keep_snapshot(self, slot, key, snapshot):
        with self.lock:
            self.snapshots.put(slot, (key, snapshot))

    def match(self, key):
        with self.lock:
            return self.matches.get(key)

    def keep_match(self, key, tiers):
        with self.lock:
            self.matches.put(key, tiers)

    def term(self, key):
        with self.lock:
            return self.terms.get(key)

    def keep_term(self, key, postings):
        with self.lock:
            self.terms.put(key, postings)

    def vocabulary(self, key):
        with self.lock:
            return self.words[1] if self.words and self.words[0] == key else None

    def keep_vocabulary(self, key, words):
        with self.lock:
            self.words = (key, words)


_memo = _Memo()


def _shared_get(key):
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001 - a missing cache server only makes the search slower
        return None


def _shared_set(key, value):
    try:
        cache.set(key, value, SNAPSHOT_TIMEOUT)
    except Exception:  # noqa: BLE001, S110 - see _shared_get
        pass
