"""Full-text search of offers: German stems, typing errors, compounds, facets.

Runs on SQLite (FTS5) and PostgreSQL (tsvector and pg_trgm) alike: set
KNOTENPUNKT_TEST_DATABASE_URL for PostgreSQL.
"""

import random

import pytest
from django.db import connection

from knotenpunkt.core.search.bits import _bits, _blocks, _ids, _walk
from knotenpunkt.offers import search
from knotenpunkt.offers.models import Cost, Offer
from knotenpunkt.offers.search import Facets, TextQuery, caching, catalogue, offer_search
from knotenpunkt.offers.search.postgresql import _Postgres
from knotenpunkt.offers.selectors import public_offers

from .facets import offer_facets
from .factories import OfferFactory, OfferPlaceFactory, OfferTranslationFactory


@pytest.fixture
def make_offer(district, provider, categories):
    def make(title, summary="Ein Angebot.", **kwargs):
        kwargs.setdefault("category", categories[9])  # Ehrenamt: a word no test searches
        offer = OfferFactory(
            district=district, provider=provider, title=title, summary=summary, **kwargs
        )
        return offer

    return make


def titles(district, query, **filters):
    offers = offer_search(public_offers(district=district), query=query, **filters)
    return [offer.title for offer in offers]


@pytest.fixture
def course(make_offer):
    make_offer("Deutschkurs für Frauen", "Deutsch lernen mit Kinderbetreuung.")
    make_offer("Sprachcafé", "Deutsch sprechen bei Kaffee und Kuchen.")
    make_offer("Hausaufgabenhilfe", "Hilfe bei den Hausaufgaben für Schulkinder.")
    make_offer("Fahrradwerkstatt", "Wir reparieren gemeinsam Fahrräder.")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Deutschkurs", "Deutschkurs für Frauen"),
        ("Deutschkurse", "Deutschkurs für Frauen"),
        ("deutschkursen", "Deutschkurs für Frauen"),
        ("Deutschkurz", "Deutschkurs für Frauen"),
        ("Deutchkurs", "Deutschkurs für Frauen"),
        ("deutsch kurs", "Deutschkurs für Frauen"),
        ("Kurs", "Deutschkurs für Frauen"),
        ("Frau", "Deutschkurs für Frauen"),
        ("Kinderbetreung", "Deutschkurs für Frauen"),
        ("Sprachcafe", "Sprachcafé"),
        ("sprachcafé", "Sprachcafé"),
        ("Sprach", "Sprachcafé"),
        ("Kaffe", "Sprachcafé"),
        ("Fahrräder", "Fahrradwerkstatt"),
        ("Fahrrad", "Fahrradwerkstatt"),
        ("Werkstatt", "Fahrradwerkstatt"),
        ("Hausaufgaben", "Hausaufgabenhilfe"),
    ],
)
def test_a_visitor_finds_an_offer_by_stem_compound_part_or_misspelt_word(
    district, course, query, expected
):
    found = titles(district, query)

    assert expected in found
    assert "Fahrradwerkstatt" not in found or expected == "Fahrradwerkstatt"


def test_all_words_must_occur(district, course):
    assert titles(district, "Deutsch Frauen") == ["Deutschkurs für Frauen"]
    assert titles(district, "Deutsch Fahrrad") == []


def test_or_gives_alternatives_and_a_minus_excludes(district, course):
    assert sorted(titles(district, "Fahrrad OR Hausaufgaben")) == [
        "Fahrradwerkstatt",
        "Hausaufgabenhilfe",
    ]
    assert titles(district, "Deutsch -Frauen") == ["Sprachcafé"]


def test_a_word_that_is_spelt_right_is_not_corrected_to_another(district, make_offer):
    make_offer("Kurs am Abend")
    make_offer("Kurz und gut")

    assert titles(district, "Kurz") == ["Kurz und gut"]


@pytest.mark.parametrize("query", ["Naehtreff", "naehtreff", "Nähtreff", "Nahtreff", "Fahrraeder"])
def test_ae_oe_ue_typed_for_umlauts_find_the_word(district, make_offer, query):
    make_offer("Nähtreff für Frauen")
    make_offer("Fahrräder für alle")

    assert titles(district, query) != []
    assert titles(district, "Buergerhaus") == []  # and no umlaut spelling finds anything else


def test_an_unknown_word_finds_nothing(district, course):
    assert titles(district, "Quantenphysik") == []


def test_the_best_match_comes_first(district, make_offer):
    make_offer("Elterncafé", "Austausch für Eltern, auch über den Deutschkurs der Kinder.")
    make_offer("Deutschkurs", "Deutsch lernen, Deutschkurs am Vormittag.")

    assert titles(district, "Deutschkurs")[0] == "Deutschkurs"


def test_sorting_by_name_and_by_newest(district, make_offer):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    make_offer("Beratung", published_at=now - timedelta(days=3))
    make_offer("Anmeldung", published_at=now - timedelta(days=1))
    make_offer("Chor", published_at=now - timedelta(days=2))

    assert titles(district, "", sort=search.SORT_NAME) == ["Anmeldung", "Beratung", "Chor"]
    assert titles(district, "", sort=search.SORT_NEWEST) == ["Anmeldung", "Chor", "Beratung"]
    assert titles(district, "", sort=search.SORT_RELEVANCE) == ["Anmeldung", "Beratung", "Chor"]


def test_a_translation_is_found_by_its_words(district, make_offer):
    offer = make_offer("Sprachcafé")
    OfferTranslationFactory(
        offer=offer, language="ar", title="مقهى اللغة", summary="تعلم الألمانية"
    )
    search.refresh(offer)

    assert titles(district, "مقهى") == ["Sprachcafé"]


def test_the_provider_and_the_place_are_searched(district, make_offer, municipalities):
    offer = make_offer("Sprachcafé")
    OfferPlaceFactory(offer=offer, municipality=municipalities[0], name="Bürgerhaus Lindenhof")
    search.refresh(offer)

    assert titles(district, "Lindenhof") == ["Sprachcafé"]
    assert titles(district, offer.provider.name.split()[0]) == ["Sprachcafé"]


def test_offers_of_another_district_are_never_found(district, other_district, course):
    OfferFactory(district=other_district, title="Deutschkurs im Südkreis")

    assert titles(district, "Deutschkurs") == ["Deutschkurs für Frauen"]
    assert titles(other_district, "Deutschkurs") == ["Deutschkurs im Südkreis"]


def test_a_changed_or_deleted_offer_leaves_the_index(district, make_offer):
    offer = make_offer("Sprachcafé")
    offer.title = "Nähcafé"
    offer.save()
    search.refresh(offer)

    assert titles(district, "Sprachcafé") == []
    assert titles(district, "Nähcafé") == ["Nähcafé"]
    offer.delete()
    assert titles(district, "Nähcafé") == []


# Any input -------------------------------------------------------------------------------

AWKWARD_QUERIES = [
    "مساعدة",
    "Hilfe 🤝",
    "🤝",
    "' OR 1=1 --",
    '"; DROP TABLE offers_offer; --',
    "Deutsch AND Frauen",
    "Deutsch NOT Frauen",
    "NEAR(Deutsch Frauen)",
    "NEAR(",
    "Deutsch*",
    "*",
    '"',
    '"Deutsch',
    "Deutsch:*",
    "a & b | !c <-> d",
    "(((",
    "-",
    "- -Deutsch",
    "or or OR",
    "title:Deutsch",
    "^Deutsch",
    "%",
    "_",
    "\\",
    "\x00",
    "der die das",
    "Straße",
    "x" * 200,
    "Ⅻ ² ½ ๓",
    "e\u0301cole",
    "Deutsch " * 40,
]


@pytest.mark.parametrize("query", AWKWARD_QUERIES)
def test_any_input_searches_without_an_error(district, course, query):
    found = titles(district, query)
    facets = offer_facets(public_offers(district=district), query=query)

    assert facets.total == len(found)


def test_random_unicode_searches_without_an_error(district, course):
    alphabet = (
        "abcdeäöüßé AND OR NOT NEAR \"'*:()&|!<>-^+{}[]%_\\ \t\n"
        "مساعدة Помощь 中文 🤝 \u200f\u200e\u0301 0123456789"
    )
    generator = random.Random(4711)
    offers = public_offers(district=district)
    for _round in range(60):
        query = "".join(generator.choice(alphabet) for _ in range(generator.randint(1, 40)))
        list(offer_search(offers, query=query))


def test_nothing_to_search_for_finds_nothing(district, course):
    assert titles(district, "🤝 ***") == []
    assert titles(district, "") != []


# Facets -----------------------------------------------------------------------------------


@pytest.fixture
def faceted(district, make_offer, categories, municipalities):
    here, there = municipalities[0], municipalities[1]
    language, counselling = categories[0], categories[3]
    first = make_offer("Deutschkurs A", category=language, cost=Cost.FREE)
    first.languages.add("de", "ar")
    first.target_groups.add("women")
    OfferPlaceFactory(offer=first, municipality=here)
    second = make_offer("Deutschkurs B", category=language, cost=Cost.FEE)
    second.languages.add("de")
    OfferPlaceFactory(offer=second, municipality=there)
    OfferPlaceFactory(offer=second, municipality=there, name="Zweiter Ort")
    third = make_offer("Beratung online", category=counselling, cost=Cost.FREE, is_online=True)
    third.languages.add("uk")
    third.target_groups.add("women", "refugees")
    return {"language": language, "counselling": counselling, "here": here, "there": there}


def test_facets_count_each_option_for_the_current_search(district, faceted):
    facets = offer_facets(public_offers(district=district), query="Deutschkurs")

    assert facets.total == 2
    assert facets.categories == {faceted["language"].pk: 2}
    assert facets.languages == {"de": 2, "ar": 1}
    assert facets.target_groups == {"women": 1}
    assert facets.free == 1
    assert facets.for_municipality(faceted["here"].pk) == 1
    assert facets.for_municipality(faceted["there"].pk) == 1, "two places count once"


def test_a_facet_ignores_its_own_filter_but_applies_the_others(district, faceted):
    offers = public_offers(district=district)

    facets = offer_facets(offers, category=faceted["language"], language="de")

    assert facets.total == 2
    # Category counts keep the language filter but not the category filter.
    assert facets.categories == {faceted["language"].pk: 2}
    # Language counts keep the category filter but not the language filter.
    assert facets.languages == {"de": 2, "ar": 1}
    assert facets.free == 1


def test_online_offers_count_for_every_municipality(district, faceted, municipalities):
    facets = offer_facets(public_offers(district=district))

    assert facets.total == 3
    assert facets.everywhere == 1
    assert facets.for_municipality(faceted["here"].pk) == 2
    assert facets.for_municipality(municipalities[2].pk) == 1


def test_the_facet_total_is_the_number_of_results(district, faceted):
    offers = public_offers(district=district)
    for filters in (
        {},
        {"query": "Deutschkurs", "free": True},
        {"municipality": faceted["here"]},
        {"target_group": "women", "language": "uk"},
        {"category": faceted["counselling"], "query": "online"},
    ):
        assert offer_facets(offers, **filters).total == offer_search(offers, **filters).count()


def test_a_parent_category_counts_its_children(district, faceted, categories):
    from .factories import CategoryFactory

    child = CategoryFactory(
        district=district, parent=faceted["counselling"], name="Asylberatung", slug="asyl"
    )
    Offer.objects.filter(title="Beratung online").update(category=child)

    facets = offer_facets(public_offers(district=district))

    assert facets.categories == {
        faceted["language"].pk: 2,
        faceted["counselling"].pk: 1,
        child.pk: 1,
    }
    assert titles(district, "", category=faceted["counselling"]) == ["Beratung online"]


def test_a_query_without_words_has_empty_facets(district, faceted):
    assert offer_facets(public_offers(district=district), query="🤝") == Facets()


def test_the_vocabulary_lookup_is_one_query(
    district, course, django_assert_num_queries, django_assert_max_num_queries
):
    """PostgreSQL: one query. SQLite: the catalogue version, and the index's words only
    when they may have changed since (fts5vocab reads the whole index)."""
    with django_assert_max_num_queries(2):
        TextQuery("Deutschkurz Frauen Kinderbetreung", using=connection.alias)
    with django_assert_num_queries(1):
        TextQuery("Deutschkurz Frauen Kinderbetreung", using=connection.alias)
    with django_assert_num_queries(0):
        TextQuery("B1 🤝", using=connection.alias)


# The catalogue index (bit sets cached under the catalogue version) -------------------------


def test_a_set_of_ids_reads_back_in_order():
    rng = random.Random(4)
    for ids in ([], [0], [7, 8, 9], sorted(rng.sample(range(200_000), 3_000))):
        assert _ids(_bits(ids)) == ids


@pytest.mark.parametrize("share", [0.001, 0.05, 0.6])
def test_a_page_of_many_results_is_the_same_as_walking_the_whole_order(share):
    """Pages of large result sets skip whole runs of the order (``_blocks``): they must give
    what looking at every id in turn gives, at the edges of the runs too."""
    rng = random.Random(7)
    order = list(range(150_000))
    rng.shuffle(order)
    # Results bunched in one part of the order, as a word in the titles bunches by name.
    bunched = order[40_000:60_000]
    wanted = set(rng.sample(bunched, int(len(bunched) * share)))
    wanted |= set(rng.sample(order, int(len(order) * share / 10)))
    bits = _bits(wanted)
    in_order = [pk for pk in order if pk in wanted]
    blocks = _blocks(order)
    assert len(blocks) <= 65

    for skip, take in ((0, 20), (20, 20), (len(in_order) - 5, 20), (len(in_order), 20)):
        assert _walk(order, blocks, bits, skip, take) == in_order[skip : skip + take]
    # Results on both sides of the edges between runs.
    size = blocks[0][1]
    edges = [order[size - 1], order[size], order[2 * size - 1], order[2 * size]]
    for skip in range(5):
        assert _walk(order, blocks, _bits(edges), skip, 2) == edges[skip : skip + 2]


def _all_ids(found, sort):
    return found.page(0, found.total + 1, sort)


@pytest.fixture
def varied(district, make_offer, categories, municipalities):
    """Forty offers with every kind of filter value, some of them not public."""
    from datetime import timedelta

    from django.utils import timezone

    from knotenpunkt.offers.models import OfferState

    from .factories import CategoryFactory

    rng = random.Random(4)  # noqa: S311 - test data
    child = CategoryFactory(district=district, parent=categories[3], slug="asyl")
    kinds = [*categories[:4], child]
    words = ["Deutschkurs", "Beratung", "Kindergruppe", "Sprachcafé", "Fahrradwerkstatt"]
    now = timezone.now()
    for number in range(40):
        offer = make_offer(
            f"{rng.choice(words)} {rng.choice(['Nord', 'Süd', 'Mitte'])} {number % 7}",
            f"Für alle, die {rng.choice(words)} suchen.",
            category=rng.choice(kinds),
            cost=rng.choice(list(Cost)),
            is_online=rng.random() < 0.15,
            serves_whole_district=rng.random() < 0.1,
            published_at=rng.choice([None, now - timedelta(days=rng.randrange(100))]),
            state=OfferState.DRAFT if number % 13 == 0 else OfferState.PUBLISHED,
        )
        offer.languages.add(*rng.sample(["de", "ar", "uk", "en"], rng.randrange(3)))
        offer.target_groups.add(*rng.sample(["women", "children", "refugees"], rng.randrange(3)))
        for municipality in rng.sample(municipalities, rng.randrange(3)):
            OfferPlaceFactory(offer=offer, municipality=municipality)
            if number % 3 == 0:  # two places in one municipality count once
                OfferPlaceFactory(offer=offer, municipality=municipality, name="Nebenraum")
    return {"child": child, "categories": kinds}


def _filter_sets(varied, municipalities):
    return [
        {},
        {"query": "Deutschkurs"},
        {"query": "Beratung -Nord"},
        {"query": "Kinder OR Fahrrad", "free": True},
        {"query": "Sprachcafe Mitte"},
        {"query": "Quantenphysik"},
        {"query": "🤝"},
        {"municipality": municipalities[0]},
        {"municipality": municipalities[1], "language": "ar"},
        {"category": varied["categories"][3]},
        {"category": varied["child"], "target_group": "women"},
        {"query": "Beratung", "category": varied["categories"][3], "free": True},
        {"target_group": "children", "language": "de", "municipality": municipalities[2]},
    ]


def test_the_catalogue_index_counts_and_finds_what_the_queries_do(district, varied, municipalities):
    """Facets, total and results of the bit sets equal those of SQL, for every filter."""
    offers = public_offers(district=district)
    for filters in _filter_sets(varied, municipalities):
        found = search.catalogue_search(district=district, using=connection.alias, **filters)
        expected = offer_search(offers, sort=search.SORT_NAME, **filters)

        assert found.facets() == offer_facets(offers, **filters), filters
        assert found.total == expected.count(), filters
        assert _all_ids(found, search.SORT_NAME) == [offer.pk for offer in expected], filters
        newest = offer_search(offers, sort=search.SORT_NEWEST, **filters)
        assert _all_ids(found, search.SORT_NEWEST) == [offer.pk for offer in newest], filters
        by_relevance = _all_ids(found, search.SORT_RELEVANCE)
        assert sorted(by_relevance) == sorted(offer.pk for offer in expected), filters


def test_pages_of_the_catalogue_index_follow_each_other(district, varied, monkeypatch):
    for walk in (False, True):
        # Small result sets are sorted, large ones walked: both give the same pages.
        monkeypatch.setattr(catalogue, "SORT_BELOW", 0 if walk else 10_000)
        found = search.catalogue_search(district=district, query="Beratung OR Deutschkurs")
        for sort in (search.SORT_RELEVANCE, search.SORT_NAME, search.SORT_NEWEST):
            whole = _all_ids(found, sort)
            pages = [found.page(offset, 4, sort) for offset in range(0, found.total, 4)]

            assert [pk for page in pages for pk in page] == whole
            assert found.page(found.total, 4, sort) == []


def test_relevance_puts_title_matches_first(district, make_offer):
    make_offer("Elterncafé", "Austausch für Eltern, auch über den Deutschkurs der Kinder.")
    make_offer("Abendkurs Deutsch", "Der Deutschkurs am Abend.")
    make_offer("Zum Deutschkurs", "Ein Deutschkurs.")

    found = search.catalogue_search(district=district, query="Deutschkurs")
    titles = dict(Offer.objects.values_list("pk", "title"))

    assert [titles[pk] for pk in found.page(0, 3)][0] == "Zum Deutschkurs"


def _version():
    return search.catalogue_version(connection.alias)[0]


def test_every_write_to_the_catalogue_gives_it_a_new_version(
    district, make_offer, categories, municipalities
):
    """Triggers change the version, whoever writes: services, querysets, relations."""
    offer = make_offer("Sprachcafé")
    changes = [
        lambda: Offer.objects.filter(pk=offer.pk).update(title="Sprachcafé am Markt"),
        lambda: offer.languages.add("ar"),
        lambda: offer.languages.remove("ar"),
        lambda: offer.target_groups.add("women"),
        lambda: OfferPlaceFactory(offer=offer, municipality=municipalities[0]),
        lambda: offer.places.all().delete(),
        lambda: categories[0].save(),
        lambda: make_offer("Neu"),
        lambda: Offer.objects.filter(title="Neu").delete(),
    ]
    for change in changes:
        before = _version()
        change()
        assert _version() != before


def test_the_services_change_the_version(district, users, provider, categories):
    from knotenpunkt.core.roles import Role
    from knotenpunkt.offers import services

    editor, coordinator = users[Role.PARTNER_EDITOR], users[Role.DISTRICT_COORDINATOR]
    versions = [_version()]
    offer = services.offer_create(
        actor=editor,
        district=district,
        values={
            "title": "Nähcafé",
            "summary": "Gemeinsam nähen.",
            "provider": provider,
            "category": categories[7],
        },
    )
    versions.append(_version())
    services.offer_publish(actor=coordinator, offer=offer)
    versions.append(_version())
    services.offer_confirm(actor=coordinator, offer=offer)
    versions.append(_version())
    services.offer_archive(actor=coordinator, offer=offer)
    versions.append(_version())

    assert len(set(versions)) == len(versions)


def test_a_cached_search_sees_every_change_at_once(district, make_offer, categories):
    make_offer("Fahrradwerkstatt")
    before = search.catalogue_search(district=district, query="Fahrrad")
    again = search.catalogue_search(district=district, query="Fahrrad")
    second = make_offer("Fahrradkurs für Frauen")
    after = search.catalogue_search(district=district, query="Fahrrad")
    Offer.objects.filter(pk=second.pk).update(category=categories[0])
    by_category = search.catalogue_search(district=district, category=categories[0])

    assert before.total == again.total == 1
    assert after.total == 2
    assert by_category.page(0, 10) == [second.pk]


def test_an_offer_leaves_the_cached_catalogue_when_its_confirmation_runs_out(district, make_offer):
    from datetime import timedelta

    from django.utils import timezone

    make_offer("Sprachcafé")
    today = timezone.localdate()

    assert search.catalogue_search(district=district, today=today).total == 1
    later = today + timedelta(days=365)
    assert search.catalogue_search(district=district, today=later).total == 0


def test_a_cached_search_needs_one_query(district, course, django_assert_num_queries):
    search.catalogue_search(district=district, query="Deutschkurz", language="de")
    with django_assert_num_queries(1):  # the catalogue version
        found = search.catalogue_search(district=district, query="Deutschkurz", language="de")
        found.facets()
        found.page(0, 20)


def test_the_search_works_without_a_cache(district, course, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("no cache server")

    monkeypatch.setattr(caching.cache, "get", broken)
    monkeypatch.setattr(caching.cache, "set", broken)
    # Nothing kept in this process either.
    monkeypatch.setattr(caching._memo, "snapshots", caching.LRU(caching.snapshots_in_process))
    monkeypatch.setattr(caching._memo, "matches", caching.LRU(caching.matches_in_process))
    monkeypatch.setattr(caching._memo, "words", None)

    assert search.catalogue_search(district=district, query="Kaffe").total == 1


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's table rebuilds drop triggers")
def test_triggers_of_the_catalogue_version_come_back_after_a_table_rebuild(district, make_offer):
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER offers_offer_catalogue_update")
    search.ensure_sqlite_index(using=connection.alias)
    offer = make_offer("Sprachcafé")
    before = _version()

    Offer.objects.filter(pk=offer.pk).update(title="Sprachcafé am Markt")

    assert _version() != before


# PostgreSQL: the postings (migration 0006) answer as the full-text index does --------------

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the postings exist on PostgreSQL only"
)
POSTING_QUERIES = [
    "Deutschkurs",
    "deutschkurz",
    "Kinder",
    "Beratung -Nord",
    "Kinder OR Fahrrad",
    "Sprachcafe Mitte",
    "Nord Süd",
    "Quantenphysik",
    "der Deutschkurs",
    "suchen -Beratung",
    "Beratung damit",  # a stop word of PostgreSQL's, not of ours
    "damit",
]


def _both_ways(district, text):
    query = TextQuery(text)
    backend = query.backend
    return (
        backend._match_postings(query.clauses, district.pk),
        backend._match_vectors(query.clauses, district.pk),
    )


@postgres_only
@pytest.mark.parametrize("text", POSTING_QUERIES)
def test_the_postings_find_the_offers_and_tiers_the_vectors_do(district, varied, text):
    postings, vectors = _both_ways(district, text)

    assert postings == vectors


@postgres_only
def test_the_postings_follow_changes_and_deletions(district, other_district, varied, make_offer):
    offer = make_offer("Fahrradwerkstatt Nord", "Für alle, die Beratung suchen.")
    OfferFactory(district=other_district, title="Fahrradwerkstatt Süd")
    offer.title, offer.summary = "Beratung Nord", "Für alle, die eine Fahrradwerkstatt suchen."
    offer.save()
    Offer.objects.filter(title__startswith="Deutschkurs Süd").delete()
    Offer.objects.filter(title__startswith="Sprachcafé").update(title="Kindergruppe Mitte")

    for text in [*POSTING_QUERIES, "Fahrradwerkstatt", "Kindergruppe"]:
        postings, vectors = _both_ways(district, text)
        assert postings == vectors, text
    tiers = _both_ways(district, "Fahrradwerkstatt")[0]
    assert offer.pk not in _ids(tiers.get(2, 0))
    assert offer.pk in _ids(tiers.get(1, 0))


@postgres_only
def test_what_is_not_one_plain_word_is_searched_in_the_vectors(district, make_offer, monkeypatch):
    """to_tsquery makes a phrase of "e-mail": the postings say so, and the vectors answer."""
    make_offer("E-Mail-Beratung", "Beratung per E-Mail.")
    backend = _Postgres(connection.alias)

    rows = backend.posting_rows(["e-mail", "beratung:*"], [0, 1], district.pk)

    marks = {(n, tier) for n, tier, _block, _bits in rows if tier < 0}
    assert marks == {(1, -1)}

    clauses = TextQuery("Beratung").clauses
    vectors = backend._match_vectors(clauses, district.pk)
    monkeypatch.setattr(backend, "_match_postings", lambda *args: None)
    assert vectors and backend.match_tiers(clauses, district.pk) == vectors
