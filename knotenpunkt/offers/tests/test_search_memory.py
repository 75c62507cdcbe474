"""What a server process keeps of the search is bounded, and it is ready before the first
visitor (docs/decisions/0022)."""

import importlib

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from knotenpunkt.core import warmup
from knotenpunkt.districts.tests.factories import DistrictFactory
from knotenpunkt.offers import search
from knotenpunkt.offers.search import caching
from knotenpunkt.offers.search import snapshot as snapshot_module

from .factories import OfferFactory


@pytest.fixture
def fresh_memory(db, monkeypatch):
    """An empty process memory of the search and an empty shared cache."""
    monkeypatch.setattr(caching._memo, "snapshots", caching.LRU(caching.snapshots_in_process))
    monkeypatch.setattr(caching._memo, "matches", caching.LRU(caching.matches_in_process))
    monkeypatch.setattr(caching._memo, "terms", caching.LRU(caching.terms_in_process))
    cache.clear()
    yield caching._memo
    cache.clear()


def test_the_lru_keeps_its_size_and_drops_the_least_recently_used_first():
    size = 3
    lru = caching.LRU(lambda: size)
    for key in "abc":
        lru.put(key, key.upper())
    assert lru.get("a") == "A"  # now the most recently used

    lru.put("d", "D")

    assert len(lru) == 3
    assert "b" not in lru
    assert [key for key in "acd" if key in lru] == ["a", "c", "d"]
    size = 1  # a smaller setting applies with the next entry
    lru.put("e", "E")
    assert len(lru) == 1 and "e" in lru


def test_a_process_keeps_the_snapshots_of_at_most_the_configured_number_of_districts(
    settings, fresh_memory
):
    settings.KNOTENPUNKT_SEARCH_SNAPSHOTS = 2
    districts = DistrictFactory.create_batch(4)
    for district in districts:
        OfferFactory(district=district, title="Sprachcafé")

    for district in [*districts[:3], districts[0], districts[3]]:
        assert search.catalogue_search(district=district, query="Sprachcafé").total == 1

    kept = {district_id for _database, district_id in fresh_memory.snapshots.entries}
    # districts[0] was used again after districts[1] and [2]; then districts[3] came.
    assert kept == {districts[0].pk, districts[3].pk}


def test_a_process_keeps_the_matches_of_at_most_the_configured_number_of_texts(
    settings, district, fresh_memory
):
    settings.KNOTENPUNKT_SEARCH_MATCHES = 3
    OfferFactory(district=district, title="Deutschkurs am Abend")

    for text in ["Deutschkurs", "Abend", "Kurs", "Deutsch", "Abendkurs"]:
        search.catalogue_search(district=district, query=text)

    assert len(fresh_memory.matches) == 3


def test_after_warming_up_the_first_search_of_a_worker_builds_no_snapshot(
    client, district, other_district, fresh_memory, monkeypatch
):
    OfferFactory(district=district, title="Sprachcafé")
    OfferFactory(district=other_district, title="Nähcafé")

    warmup.warm_up()

    def build(*args, **kwargs):
        raise AssertionError("the snapshot was built during a request")

    monkeypatch.setattr(snapshot_module, "_build_snapshot", build)
    for searched in (district, other_district):
        response = client.get(reverse("offers:catalogue", args=[searched.slug]), {"query": "café"})
        assert response.status_code == 200


def test_without_warming_up_the_first_search_builds_the_snapshot(
    client, district, fresh_memory, monkeypatch
):
    """The case the warm-up prevents (and the proof that the test above would notice)."""
    OfferFactory(district=district, title="Sprachcafé")
    built = []
    original = snapshot_module._build_snapshot
    monkeypatch.setattr(
        snapshot_module,
        "_build_snapshot",
        lambda *args: built.append(args) or original(*args),
    )

    client.get(reverse("offers:catalogue", args=[district.slug]), {"query": "café"})

    assert len(built) == 1


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_the_wsgi_application_warms_the_process_up_when_configured(
    settings, monkeypatch, enabled
):
    settings.KNOTENPUNKT_WARM_UP = enabled
    calls = []
    monkeypatch.setattr(warmup, "warm_up", lambda: calls.append(1))
    from knotenpunkt.config import wsgi  # perhaps imported (and warmed up) only now

    calls.clear()
    importlib.reload(wsgi)

    assert calls == ([1] if enabled else [])


def test_a_failing_warm_up_is_logged_and_does_not_stop_the_process(monkeypatch, caplog):
    def broken():
        raise RuntimeError("database not migrated")

    monkeypatch.setattr(
        warmup, "contributions", lambda part: [("offers", broken)] if part == "warm_up" else []
    )

    took = warmup.warm_up()

    assert set(took) == {"offers"}
    assert "Warming up offers failed" in caplog.text


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the postings exist on PostgreSQL only"
)


@pytest.fixture
def posting_queries(monkeypatch):
    """Count the queries of the postings (one per search that reads any)."""
    from knotenpunkt.offers.search.postgresql import _Postgres

    calls = []
    original = _Postgres.posting_rows

    def counted(self, alternatives, terms, district_id):
        calls.append(alternatives)
        return original(self, alternatives, terms, district_id)

    monkeypatch.setattr(_Postgres, "posting_rows", counted)
    return calls


@postgres_only
def test_a_new_text_of_words_searched_before_reads_no_postings(
    district, fresh_memory, posting_queries
):
    OfferFactory(district=district, title="Deutschkurs am Abend")
    OfferFactory(district=district, title="Deutschkurs am Morgen")
    search.catalogue_search(district=district, query="Deutschkurs")
    search.catalogue_search(district=district, query="Abend")
    posting_queries.clear()

    found = search.catalogue_search(district=district, query="Abend Deutschkurs")

    assert found.total == 1
    assert posting_queries == []
    found = search.catalogue_search(district=district, query="Morgen Deutschkurs")
    assert found.total == 1
    assert len(posting_queries) == 1 and not any("deutschkurs" in a for a in posting_queries[0])


@postgres_only
def test_the_postings_of_words_are_not_reused_after_the_catalogue_changed(
    district, fresh_memory, posting_queries
):
    OfferFactory(district=district, title="Deutschkurs am Abend")
    assert search.catalogue_search(district=district, query="Deutschkurs").total == 1

    OfferFactory(district=district, title="Deutschkurs Nord")

    assert search.catalogue_search(district=district, query="Deutschkurs Nord").total == 1
    assert search.catalogue_search(district=district, query="Deutschkurs -Nord").total == 1


@postgres_only
def test_a_process_keeps_the_postings_of_at_most_the_configured_number_of_words(
    settings, district, fresh_memory
):
    settings.KNOTENPUNKT_SEARCH_TERMS = 2
    OfferFactory(district=district, title="Deutschkurs am Abend")

    for text in ["Deutschkurs", "Abend", "Kurs", "Deutsch Abend"]:
        search.catalogue_search(district=district, query=text)

    assert len(fresh_memory.terms) == 2


def test_warming_up_starts_no_further_district_after_its_time_budget(
    district, other_district, fresh_memory, monkeypatch
):
    """gunicorn kills a worker that boots for longer than its timeout."""
    OfferFactory(district=district, title="Sprachcafé")
    OfferFactory(district=other_district, title="Nähcafé")
    monkeypatch.setattr(snapshot_module, "WARM_UP_SECONDS", -1)

    warmed = search.warm_up_snapshots()

    assert len(warmed) == 1
