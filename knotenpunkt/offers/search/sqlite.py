"""The text query on SQLite: FTS5 over the words as written, stems searched as prefixes.

Triggers keep the FTS5 table ``offers_offer_fts`` in step with the offers (migration
0003_search_indexes, restored by ``sqlite_index``); its vocabulary is
``offers_offer_fts_vocab``. Stemming happens on the query side: the stem of each word
(Snowball, the same algorithm as PostgreSQL's) is searched as a prefix.
"""

from django.db import connections
from django.db.models import F, FloatField, Func, Value
from django.db.models.expressions import RawSQL

from knotenpunkt.core.search.bits import _bits_from_words, _pairs_of_words
from knotenpunkt.core.search.words import WORD, _expand_term, fold, stem, typing_errors_allowed

from .caching import CACHE_FORMAT, _memo, _shared_get, _shared_set, catalogue_version


class _SQLite:
    """FTS5 over the words as written; stems are searched as prefixes."""

    def __init__(self, using):
        self.using = using

    def expand(self, terms):
        terms = [term for term in terms if term.expandable and not term.negated]
        if not terms:
            return
        wanted = []
        for term in terms:
            key = fold(term.word)
            limit = typing_errors_allowed(key)
            needle = term.needle and fold(term.needle)
            wanted.append(
                (len(key) - limit, len(key) + limit, key[:1], key[-2:], fold(term.stem), needle)
            )

        def candidate(word):
            for shortest, longest, first, last, head, needle in wanted:
                # Typing errors: about as long, and the first or the last two letters right;
                # the stem as a prefix; compounds that contain the word.
                if shortest <= len(word) <= longest and (word[:1] == first or word[-2:] == last):
                    return True
                if word.startswith(head) or (needle and needle in word):
                    return True
            return False

        candidates = [word for word in self.vocabulary() if candidate(word)]
        for term in terms:
            _expand_term(term, candidates, self._matches_stem)

    def vocabulary(self):
        """Return the words of the index (a list), cached under the catalogue version.

        fts5vocab has no index: each query reads the whole full-text index (about half a
        second for 100,000 offers), however few words it returns.
        """
        version, _changed = catalogue_version(self.using)
        key = f"offers:{CACHE_FORMAT}:vocabulary:{self.using}:{version}"
        words = _memo.vocabulary(key) if version is not None else None
        if words is None:
            words = _shared_get(key) if version is not None else None
            if words is None:
                with connections[self.using].cursor() as cursor:
                    cursor.execute("SELECT term FROM offers_offer_fts_vocab")
                    words = [word for (word,) in cursor.fetchall() if WORD.fullmatch(word)]
                if version is not None:
                    _shared_set(key, words)
            if version is not None:
                _memo.keep_vocabulary(key, words)
        return words

    @staticmethod
    def _matches_stem(word, term):
        # The index holds the words as written; the query looks for the stem as a prefix.
        return word.startswith(fold(term.stem))

    @staticmethod
    def match(clauses):
        """Return an FTS5 query; every word is quoted, so nothing in it is an operator."""

        def alternatives(term):
            words = {f'"{fold(term.stem)}"*'}
            if not fold(term.word).startswith(fold(term.stem)):
                words.add(f'"{fold(term.word)}"*')
            words.update(f'"{fold(stem(word))}"*' for word in term.typo_words)
            words.update(f'"{word}"' for word in term.compound_words)
            return "(" + " OR ".join(sorted(words)) + ")"

        parts = []
        for clause in clauses:
            wanted = " AND ".join(alternatives(term) for term in clause if not term.negated)
            unwanted = [alternatives(term) for term in clause if term.negated]
            if unwanted:
                wanted = f"({wanted}) NOT ({' OR '.join(unwanted)})"
            parts.append(f"({wanted})")
        return " OR ".join(parts)

    def filter(self, offers, clauses):
        matching = RawSQL(
            "SELECT rowid FROM offers_offer_fts WHERE offers_offer_fts MATCH %s",
            [self.match(clauses)],
        )
        return offers.filter(pk__in=matching)

    # Ids in words of 32 bits: SQLite's integers are signed 64-bit, and a sum of distinct
    # powers of two below 2**32 neither overflows nor differs from their OR.
    MATCH = """
        SELECT rowid / 32, sum(1 << (rowid %% 32)) FROM offers_offer_fts
        WHERE offers_offer_fts MATCH %s GROUP BY 1
    """

    def match_tiers(self, clauses, district_id):
        """Return {tier: bits of ids} of the offers that match (of any district): tier 2
        where the title matches, 0 for the rest."""
        expression = self.match(clauses)
        tiers = {}
        with connections[self.using].cursor() as cursor:
            for tier, wanted in ((0, expression), (2, f"{{title}} : ({expression})")):
                cursor.execute(self.MATCH, [wanted])
                tiers[tier] = _bits_from_words(_pairs_of_words(cursor.fetchall()))
        return tiers

    def rank(self, clauses):
        # bm25 is smaller for better matches; the title counts four times.
        return Func(
            Value(self.match(clauses)),
            F("pk"),
            template=(
                "(SELECT -bm25(offers_offer_fts, 4.0, 1.0) FROM offers_offer_fts "
                "WHERE offers_offer_fts MATCH %(expressions)s)"
            ),
            arg_joiner=" AND offers_offer_fts.rowid = ",
            output_field=FloatField(),
        )
