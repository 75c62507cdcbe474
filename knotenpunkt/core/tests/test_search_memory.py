"""The shared search machinery over a collection in memory (``core.search.memory``): the
same word forms, typing errors and compounds as the offers' full-text index."""

from knotenpunkt.core.search.bits import _ids
from knotenpunkt.core.search.clauses import REST, TITLE
from knotenpunkt.core.search.memory import IndexCache, MemoryIndex

DOCUMENTS = [
    (1, "Caritasverband Nordkreis", "Beratung für Familien und Migrationsberatung"),
    (2, "Volkshochschule", "Integrationskurse und Alphabetisierungskurse"),
    (3, "Sprachinstitut Lingua", "Deutsch für den Beruf: Sprachkurse"),
    (4, "Straßenfest-Verein", "Feste in der Nachbarschaft"),
]


def _found(text):
    tiers = MemoryIndex(DOCUMENTS).search(text)
    return {tier: _ids(bits) for tier, bits in tiers.items()}


def test_a_word_finds_its_forms_and_the_title_is_a_tier_of_its_own():
    assert _found("Beratungen") == {REST: [1]}
    assert _found("sprachinstitute") == {TITLE: [3]}


def test_a_typing_error_finds_the_word():
    assert _found("Caritsverband") == {TITLE: [1]}


def test_a_word_finds_the_compounds_that_contain_it():
    assert _found("kurse") == {REST: [2, 3]}


def test_an_unknown_compound_finds_its_parts_or_its_head():
    assert _found("Deutschkurs") == {REST: [3]}
    assert _found("Malkurs") == {REST: [2, 3]}


def test_negation_or_and_folding_work_as_in_the_offers_search():
    assert _found("kurse -deutsch") == {REST: [2]}
    assert _found("Familien OR Sprachkurse") == {REST: [1, 3]}
    assert _found("Strassenfest") == {TITLE: [4]}


def test_a_query_without_words_finds_nothing():
    assert _found("!!!") == {}


def test_the_cache_keeps_an_index_per_slot_until_its_key_changes_and_forgets_the_oldest():
    cache, built = IndexCache(size=2), []

    def build(name):
        def make():
            built.append(name)
            return name

        return make

    assert cache.get("a", 1, build("a1")) == "a1"
    assert cache.get("a", 1, build("again")) == "a1"
    assert cache.get("a", 2, build("a2")) == "a2"
    cache.get("b", 1, build("b1"))
    cache.get("c", 1, build("c1"))
    assert cache.get("a", 2, build("a2 again")) == "a2 again"
    assert built == ["a1", "a2", "b1", "c1", "a2 again"]
