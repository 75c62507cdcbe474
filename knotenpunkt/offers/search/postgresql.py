"""The text query on PostgreSQL: tsvectors, a trigram-indexed vocabulary, postings.

A trigger fills the ``search_vector`` column (title weighted A, summary B, search text D,
with the ``german`` configuration; GIN index) and a small ``head_vector`` (title and
summary) to rank by; the vocabulary table ``offers_search_word`` holds the words of all
search texts (migration 0003_search_indexes); ``offers_search_posting`` the bits of the
offers with each word (migration 0006_search_postings, ADR 0014). None of them is a model
field: only this package reads them.
"""

from django.db import connections, transaction
from django.db.models import BooleanField, FloatField, Func, TextField, Value
from django.db.models.expressions import Col, Expression

from knotenpunkt.core.search.bits import _bits_from_words
from knotenpunkt.core.search.clauses import match_clauses
from knotenpunkt.core.search.words import WORD, _expand_term, fold, stem

from .caching import _memo


class _SearchVector(Expression):
    """The ``search_vector`` column of PostgreSQL (added by a migration, not a field)."""

    output_field = TextField()
    target = TextField()
    target.column = "search_vector"

    def resolve_expression(self, query=None, *args, **kwargs):
        # A column of the query's own offers table, renamed with it inside subqueries.
        return Col(query.get_initial_alias(), self.target)


class _HeadVector(_SearchVector):
    """The ``head_vector`` column of PostgreSQL: title (A) and summary (B) only, small."""

    target = TextField()
    target.column = "head_vector"


def _jit_off(connection):
    """Whether the connection was opened with JIT off (``options`` in the settings)."""
    options = connection.settings_dict.get("OPTIONS", {}).get("options", "")
    return "jit=off" in options.replace(" ", "")


class _Postgres:
    """German full-text search (tsvector) and a trigram-indexed vocabulary."""

    LOOKUP = """
        SELECT DISTINCT w.word
        FROM unnest(%s::text[], %s::text[], %s::text[]) AS t(word, head, needle)
        CROSS JOIN LATERAL (
            (SELECT s.word FROM offers_search_word s ORDER BY s.word <-> t.word LIMIT 20)
            UNION
            (SELECT s.word FROM offers_search_word s WHERE s.word LIKE t.head || '%%' LIMIT 5)
            UNION
            (SELECT s.word FROM offers_search_word s WHERE s.word LIKE '%%' || t.needle || '%%'
             ORDER BY length(s.word), s.word LIMIT 60)
        ) AS w
    """

    def __init__(self, using):
        self.using = using
        # Under what the postings of single terms may be kept (``_term_postings``).
        self.cache_scope = None

    def expand(self, terms):
        terms = [term for term in terms if term.expandable and not term.negated]
        if not terms:
            return
        with connections[self.using].cursor() as cursor:
            cursor.execute(
                self.LOOKUP,
                [
                    [term.word for term in terms],
                    [term.head if len(term.head) >= 3 else None for term in terms],
                    [term.needle for term in terms],
                ],
            )
            candidates = [word for (word,) in cursor.fetchall() if WORD.fullmatch(word)]
        for term in terms:
            _expand_term(term, candidates, self._matches_stem)

    @staticmethod
    def _matches_stem(word, term):
        # The index holds stems; the query looks for the term's stem as a prefix.
        return fold(stem(word)).startswith(fold(term.stem))

    @staticmethod
    def alternatives(term):
        """Return what ``term`` stands for in ``to_tsquery`` syntax: the word, the words it
        begins (``word:*``), its umlaut spelling, typo corrections and compounds."""
        words = [term.word, f"{term.word}:*", *term.typo_words, *term.compound_words]
        if term.umlaut_spelling:
            words.insert(2, f"{term.umlaut_spelling}:*")
        return words

    @classmethod
    def tsquery(cls, clauses, weight=""):
        """Return the query for ``to_tsquery``; ``weight`` ("A"): only words of that weight."""

        def alternatives(term):
            words = cls.alternatives(term)
            marked = [f"{word}{weight}" if ":" in word else f"{word}:{weight}" for word in words]
            return "(" + " | ".join(marked if weight else words) + ")"

        parts = []
        for clause in clauses:
            wanted = [alternatives(term) for term in clause if not term.negated]
            wanted += [f"!{alternatives(term)}" for term in clause if term.negated]
            parts.append("(" + " & ".join(wanted) + ")")
        return " | ".join(parts)

    def _query(self, clauses):
        return Func(
            Value(self.tsquery(clauses)),
            template="to_tsquery('german'::regconfig, %(expressions)s)",
        )

    def filter(self, offers, clauses):
        return offers.filter(
            Func(
                _SearchVector(),
                self._query(clauses),
                template="%(expressions)s",
                arg_joiner=" @@ ",
                output_field=BooleanField(),
            )
        )

    def rank(self, clauses):
        # Title and summary only: ranking by the whole text would read every match's long
        # vector (stored outside the row), which made broad words take seconds.
        return Func(
            _HeadVector(), self._query(clauses), function="ts_rank", output_field=FloatField()
        )

    # The matching offers by tier, as bits in 64-bit words (see ``_bits_from_words``). One
    # pass over the matches; three index scans (all, title or summary, title) cost more
    # where most matches are in the title, as for most searches.
    MATCH = """
        SELECT tier, id / 64, bit_or(CAST(1 AS bigint) << CAST(id %% 64 AS integer))
        FROM (
            SELECT id, CASE WHEN head_vector @@ to_tsquery('german'::regconfig, %s) THEN 2
                            WHEN head_vector @@ to_tsquery('german'::regconfig, %s) THEN 1
                            ELSE 0 END AS tier
            FROM offers_offer
            WHERE district_id + 0 = %s
            AND search_vector @@ to_tsquery('german'::regconfig, %s)
        ) AS found
        GROUP BY 1, 2
    """

    def match_tiers(self, clauses, district_id):
        """Return {tier: bits of ids} of the district's offers that match (public or not):
        tier 2 where the title matches, 1 where the summary does, 0 for the rest."""
        found = self._match_postings(clauses, district_id)
        return found if found is not None else self._match_vectors(clauses, district_id)

    # Each alternative of each term normalised by the German configuration (stemmed, or ''
    # for a stop word), then the bits of the words it stands for from the postings
    # (migration 0006): the word itself, or with ``:*`` every word it begins, ORed per term
    # and tier. Tier -1 marks an alternative (by its number) that is not one plain word
    # ("e-mail" becomes a phrase), -2 a stop word. The postings' ``word`` sorts bytewise
    # ("C"), so ``word:*`` is a range of their index, read once per alternative.
    POSTINGS = """
        WITH alternative AS (
            SELECT a.n, a.term, CAST(to_tsquery('german'::regconfig, a.alternative) AS text) AS q
            FROM unnest(%(alternatives)s::text[], %(terms)s::integer[])
                WITH ORDINALITY AS a(alternative, term, n)
        ), lexeme AS (
            SELECT n, term, q, right(q, 2) = ':*' AS prefix,
                   replace(substring(q from %(plain)s), %(quoted)s, %(quote)s) COLLATE "C" AS word
            FROM alternative
        )
        SELECT n, -1, 0, CAST(0 AS bigint) FROM lexeme WHERE q <> '' AND word IS NULL
        UNION ALL
        SELECT n, -2, 0, CAST(0 AS bigint) FROM lexeme WHERE q = ''
        UNION ALL
        SELECT l.term, p.tier, p.chunk, bit_or(p.bits)
        FROM lexeme AS l
        CROSS JOIN LATERAL (
            SELECT tier, chunk, bits FROM offers_search_posting
            WHERE district_id = %(district)s AND word >= l.word
            AND word <= CASE WHEN l.prefix THEN l.word || chr(1114111) ELSE l.word END
        ) AS p
        GROUP BY l.term, p.tier, p.chunk
    """
    # One lexeme as to_tsquery writes it: 'word' or 'word':*, quotes doubled inside.
    PLAIN_LEXEME = r"^'((?:[^']|'')+)'(?::\*)?$"

    def posting_rows(self, alternatives, terms, district_id):
        """Return the rows of ``POSTINGS`` for ``alternatives`` (in ``to_tsquery`` syntax)
        of the ``terms`` (a number per alternative): ``(term, tier, block, bits)``, and
        ``(alternative, -1 or -2, 0, 0)`` marks (numbered from 1)."""
        connection = connections[self.using]
        params = {
            "alternatives": alternatives,
            "terms": terms,
            "plain": self.PLAIN_LEXEME,
            "quoted": "''",
            "quote": "'",
            "district": district_id,
        }
        if _jit_off(connection):
            # One round trip (the settings turn JIT off for every connection).
            with connection.cursor() as cursor:
                cursor.execute(self.POSTINGS, params)
                return cursor.fetchall()
        with transaction.atomic(using=self.using), connection.cursor() as cursor:
            # The planner cannot estimate the ranges of words and overrates the query at
            # scale; compiling it (JIT) then costs more than running it.
            cursor.execute("SET LOCAL jit = off")
            cursor.execute(self.POSTINGS, params)
            return cursor.fetchall()

    def _match_postings(self, clauses, district_id):
        """``match_tiers`` from the postings, or None where they cannot answer."""
        terms = [term for clause in clauses for term in clause]
        found = self._term_postings(terms, district_id)
        if found is None:
            return None
        # A term counts unless all its alternatives are stop words (as in to_tsquery).
        counted = {index for index, (counts, _tiers) in enumerate(found) if counts}

        def having(index, tiers):
            bits = 0
            for tier in tiers:
                bits |= found[index][1].get(tier, 0)
            return bits

        # As the vector query does (see ``match_clauses``).
        return match_clauses(clauses, having, counted)

    def _term_postings(self, terms, district_id):
        """Return ``(counts, {tier: bits})`` for each of ``terms``, or None where an
        alternative is not one plain word. ``counts``: not all alternatives are stop words.

        A term's postings do not depend on the other words of the query, so with a
        ``cache_scope`` (the catalogue version and district, set by the catalogue search)
        they are kept per term (``caching.LRU``): a query never searched before mostly
        consists of words searched before ("Deutschkurs Nord" after "Deutschkurs"), and
        then reads only its new words from the database, or nothing at all.
        """
        found, missing, keys = [None] * len(terms), [], {}
        for index, term in enumerate(terms):
            if self.cache_scope is not None:
                keys[index] = (self.cache_scope, district_id, tuple(self.alternatives(term)))
                found[index] = _memo.term(keys[index])
            if found[index] is None:
                missing.append(index)
        if not missing:
            return found
        owners, alternatives = [], []
        for index in missing:
            for alternative in self.alternatives(terms[index]):
                owners.append(index)
                alternatives.append(alternative)
        stop_words, words = set(), {}
        for n, tier, chunk, bits in self.posting_rows(alternatives, owners, district_id):
            if tier == -1:
                return None
            if tier == -2:
                stop_words.add(n - 1)
            else:  # n is the term here
                words.setdefault((n, tier), []).append((chunk, bits))
        counted = {owners[n] for n in range(len(alternatives)) if n not in stop_words}
        for index in missing:
            tiers = {
                tier: _bits_from_words(words[index, tier])
                for tier in (0, 1, 2)
                if (index, tier) in words
            }
            found[index] = (index in counted, tiers)
            if index in keys:
                _memo.keep_term(keys[index], found[index])
        return found

    def _match_vectors(self, clauses, district_id):
        """``match_tiers`` from the full-text index and the offer rows."""
        query = self.tsquery(clauses)
        connection = connections[self.using]
        with transaction.atomic(using=self.using), connection.cursor() as cursor:
            # The planner does not know that reading ``search_vector`` (stored outside the
            # row) costs far more than its index: without this (and with an index on the
            # district it may use, hence ``+ 0``) it reads every vector of the district
            # for a word that matches a third of the offers.
            cursor.execute("SET LOCAL enable_seqscan = off")
            # It also underestimates the matches a hundredfold, and sorts them to group them
            # (a third of a broad word's time); hashing needs no order.
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute(self.MATCH, [self.tsquery(clauses, "A"), query, district_id, query])
            rows = cursor.fetchall()
        words = {}
        for tier, index, word in rows:
            words.setdefault(tier, []).append((index, word))
        return {tier: _bits_from_words(found) for tier, found in words.items()}
