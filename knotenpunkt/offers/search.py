"""Full-text search of offers: German stemming, typo tolerance, facet counts.

``refresh`` keeps ``Offer.search_text`` current; the database indexes it (migration
0003_search_indexes):

- PostgreSQL: a ``search_vector`` column (title weighted A, summary B, search text D, with
  the ``german`` configuration) that a trigger fills, with a GIN index, and a small
  ``head_vector`` (title and summary) to rank by; and a vocabulary table
  ``offers_search_word`` (the words of all search texts, trigram-indexed). None of them is
  a model field: only this module reads them.
- SQLite: an FTS5 table ``offers_offer_fts`` that triggers keep in step with the offers,
  and its vocabulary ``offers_offer_fts_vocab``. Stemming happens on the query side: the
  stem of each word (Snowball, the same algorithm as PostgreSQL's) is searched as a prefix.

A visitor's words are looked up in the vocabulary first (one query). A word that matches
nothing gets the indexed words within one or two typing errors instead; a word of four
letters or more also finds the compounds that contain it ("kurs" finds "Deutschkurs").
"""

import datetime
import functools
import hashlib
import html
import re
import threading
import unicodedata
import uuid
from dataclasses import dataclass, field

import snowballstemmer
from django.core.cache import cache
from django.db import connections, transaction
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Q,
    TextField,
    Value,
)
from django.db.models.expressions import Col, Expression, RawSQL
from django.utils import timezone

TAG = re.compile(r"<[^>]+>")


def plain_text(markup: str) -> str:
    """Return the text of sanitised HTML, without tags and entities."""
    return html.unescape(TAG.sub(" ", markup or ""))


def search_text(offer) -> str:
    parts = [offer.title, offer.summary, plain_text(offer.description)]
    parts.append(offer.provider.name)
    parts.append(offer.category.name)
    parts.extend(offer.category.translations.values())
    for translation in offer.translations.all():
        parts.extend([translation.title, translation.summary])
    for place in offer.places.select_related("municipality"):
        parts.extend([place.name, place.city, place.municipality.name])
    return " ".join(" ".join(part.split()) for part in parts if part)


def refresh(offer) -> None:
    """Recompute ``offer.search_text`` and store it if it changed."""
    text = search_text(offer)
    if text != offer.search_text:
        offer.search_text = text
        offer.save(update_fields=["search_text"])


# Words ---------------------------------------------------------------------------------

# Letters and digits of any script; everything else (quotes, operators, emoji) separates.
WORD = re.compile(r"[^\W_]+")
MAX_TERMS = 8
# Below this length a word gets neither typo corrections nor compounds.
MIN_EXPANDED_LENGTH = 4
MAX_TYPO_WORDS = 5
MAX_COMPOUND_WORDS = 40
# Common German words that say nothing about an offer (PostgreSQL drops them too).
STOPWORDS = frozenset(
    "aber alle als am an auch auf aus bei bin bis da das dass dem den der des die doch du "
    "ein eine einem einen einer eines er es für hat ich ihr im in ist ja kein keine mit "
    "nach nicht noch nur oder sich sie sind so um und uns vom von vor war was wie wir wo "
    "zu zum zur über".split()
)

# ae, oe, ue written for ä, ö, ü ("ue" after q is a u and an e: "Quelle").
UMLAUT_DIGRAPH = re.compile(r"ae|oe|(?<!q)ue")
UMLAUTS = {"ae": "ä", "oe": "ö", "ue": "ü"}

_local = threading.local()


@functools.lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """Return the German Snowball stem of a lower-case ``word`` (umlauts folded)."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("german")
    return stemmer.stemWord(word)


@functools.lru_cache(maxsize=20_000)
def fold(word: str) -> str:
    """Lower-case ``word``, drop the accents of Latin letters (é → e, ü → u), ß → ss.

    What SQLite's index does to the words it stores (unicode61, remove_diacritics).
    """
    letters = []
    for char in unicodedata.normalize("NFD", word.lower().replace("ß", "ss")):
        if unicodedata.combining(char) and letters and letters[-1].isascii():
            continue
        letters.append(char)
    return unicodedata.normalize("NFC", "".join(letters))


def typing_errors_allowed(word: str) -> int:
    if len(word) < MIN_EXPANDED_LENGTH:
        return 0
    return 1 if len(word) < 8 else 2


def distance(a: str, b: str, limit: int) -> int:
    """Return the edit distance of ``a`` and ``b`` (a swap of two letters is one error),
    or ``limit + 1`` when it is larger than ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, previous = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1])
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


@dataclass
class Term:
    """One word of the visitor's query and the indexed words it also stands for."""

    word: str  # lower case, as typed
    negated: bool = False
    typo_words: list = field(default_factory=list)
    compound_words: list = field(default_factory=list)

    @functools.cached_property
    def stem(self):
        return stem(self.word)

    @functools.cached_property
    def head(self):
        """The part of the word its stem stands for, as typed ("frühstücke" → "frühstück")."""
        typed = self.word[: len(self.stem)]
        return typed if fold(typed) == fold(self.stem) else self.stem

    @functools.cached_property
    def umlaut_spelling(self):
        """The word with ä, ö, ü where it was typed as ae, oe, ue ("naehtreff" → "nähtreff"),
        or None. PostgreSQL's German stemmer (Snowball's older "german") does not read ae as
        ä, the Python one does; the query therefore carries both spellings."""
        spelled = UMLAUT_DIGRAPH.sub(lambda match: UMLAUTS[match.group(0)], self.word)
        return spelled if spelled != self.word else None

    @property
    def expandable(self):
        return len(self.word) >= MIN_EXPANDED_LENGTH

    @property
    def needle(self):
        """What a compound must contain to stand for this word (None: too short)."""
        needle = self.head if len(self.head) >= MIN_EXPANDED_LENGTH else self.word
        return needle if len(needle) >= MIN_EXPANDED_LENGTH else None


def parse(text: str) -> list[list[Term]]:
    """Split a visitor's query into alternatives ("or") of words that must all occur.

    ``-word`` excludes a word. Quotes and other operators are ignored; an alternative
    without a word to look for is dropped.
    """
    clauses, current = [], []
    for chunk in unicodedata.normalize("NFKC", text).split():
        if chunk.lower() == "or":
            clauses.append(current)
            current = []
            continue
        negated = chunk.startswith("-")
        for word in WORD.findall(chunk.lower()):
            if word not in STOPWORDS:
                current.append(Term(word, negated=negated))
    clauses.append(current)
    kept, count = [], 0
    for clause in clauses:
        clause = clause[: MAX_TERMS - count]
        if any(not term.negated for term in clause):
            kept.append(clause)
            count += len(clause)
    return kept


# Queries --------------------------------------------------------------------------------


class TextQuery:
    """A visitor's query, its words expanded against the index's vocabulary.

    Build it once per request and pass it to ``offer_search`` and ``offer_facets``: the
    vocabulary lookup is one query.
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


def _expand_term(term, candidates, matches_stem):
    """Give ``term`` its typo corrections and compounds among the ``candidates``.

    ``matches_stem(word, term)``: whether the index finds ``word`` by the term's stem.
    """
    if not term.expandable:
        return
    if not any(matches_stem(word, term) for word in candidates):
        limit = typing_errors_allowed(term.word)
        key = fold(term.word)
        scored = sorted(
            (distance(key, fold(word), limit), word)
            for word in candidates
            if abs(len(word) - len(key)) <= limit
        )
        term.typo_words = [word for score, word in scored if score <= limit][:MAX_TYPO_WORDS]
    needle = term.needle and fold(term.needle)
    if needle:
        compounds = sorted(
            (word for word in candidates if needle in fold(word) and not matches_stem(word, term)),
            key=lambda word: (len(word), word),
        )
        term.compound_words = compounds[:MAX_COMPOUND_WORDS]


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
        with transaction.atomic(using=self.using), connection.cursor() as cursor:
            # The planner cannot estimate the ranges of words and overrates the query at
            # scale; compiling it (JIT) then costs more than running it.
            cursor.execute("SET LOCAL jit = off")
            cursor.execute(
                self.POSTINGS,
                {
                    "alternatives": alternatives,
                    "terms": terms,
                    "plain": self.PLAIN_LEXEME,
                    "quoted": "''",
                    "quote": "'",
                    "district": district_id,
                },
            )
            return cursor.fetchall()

    def _match_postings(self, clauses, district_id):
        """``match_tiers`` from the postings, or None where they cannot answer."""
        terms = [term for clause in clauses for term in clause]
        owners, alternatives = [], []
        for index, term in enumerate(terms):
            for alternative in self.alternatives(term):
                owners.append(index)
                alternatives.append(alternative)
        stop_words, words = set(), {}
        rows = self.posting_rows(alternatives, owners, district_id)
        for n, tier, chunk, bits in rows:
            if tier == -1:
                return None
            if tier == -2:
                stop_words.add(n - 1)
            else:  # n is the term here
                words.setdefault((n, tier), []).append((chunk, bits))
        # A term counts unless all its alternatives are stop words (as in to_tsquery).
        counted = {owners[n] for n in range(len(alternatives)) if n not in stop_words}
        bits = {key: _bits_from_words(found) for key, found in words.items()}

        def having(index, tiers):
            found = 0
            for tier in tiers:
                found |= bits.get((index, tier), 0)
            return found

        # As the vector query does: a clause's words must all occur (anywhere for a match,
        # in the title or summary for tier 1, in the title for tier 2), its negated words
        # not there; -1 has every bit set, so that a clause starts excluding nothing.
        matching, in_head, in_title = 0, 0, 0
        index = 0
        for clause in clauses:
            found, head, title, wanted = -1, -1, -1, False
            for term in clause:
                if index in counted:
                    anywhere, summary_or_title, in_its_title = (
                        having(index, (0, 1, 2)),
                        having(index, (1, 2)),
                        having(index, (2,)),
                    )
                    if term.negated:
                        found &= ~anywhere
                        head &= ~summary_or_title
                        title &= ~in_its_title
                    else:
                        wanted = True
                        found &= anywhere
                        head &= summary_or_title
                        title &= in_its_title
                index += 1
            if wanted:
                matching |= found
                in_head |= head
                in_title |= title
        title = matching & in_title
        head = matching & in_head & ~title
        rest = matching & ~in_head & ~title
        return {tier: found for tier, found in ((2, title), (1, head), (0, rest)) if found}

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


class _Substring:
    """Other databases: each word as a substring (no index, no stemming)."""

    def __init__(self, using):
        self.using = using

    def expand(self, terms):
        pass

    def filter(self, offers, clauses):
        condition = Q(pk__in=[])
        for clause in clauses:
            wanted = Q()
            for term in clause:
                found = Q(search_text__icontains=term.word)
                wanted &= ~found if term.negated else found
            condition |= wanted
        return offers.filter(condition)

    def rank(self, clauses):
        return Value(0.0, output_field=FloatField())

    def match_tiers(self, clauses, district_id):
        from .models import Offer

        offers = Offer.objects.using(self.using).filter(district_id=district_id)
        return {0: _bits(self.filter(offers, clauses).values_list("pk", flat=True))}


def _pairs_of_words(rows):
    """Turn ``[(index, word)]`` of 32-bit words into 64-bit words for ``_bits_from_words``."""
    words = {}
    for index, word in rows:
        words[index // 2] = words.get(index // 2, 0) | word << (32 * (index % 2))
    return words.items()


_BACKENDS = {"postgresql": _Postgres, "sqlite": _SQLite}


# Searching ------------------------------------------------------------------------------
# The public catalogue, the embed view and the API all search through ``offer_search``.

SORT_RELEVANCE, SORT_NAME, SORT_NEWEST = "relevance", "name", "newest"


def filter_conditions(
    *, category=None, municipality=None, language=None, target_group=None, free=False
):
    """Return the condition of each filter that is set, by filter name.

    Subqueries rather than joins, so that no offer is doubled and no DISTINCT is needed.
    """
    from .models import Category, Cost, Offer, OfferPlace

    conditions = {}
    if category is not None:
        tree = Category.objects.filter(Q(pk=category.pk) | Q(parent=category)).values("pk")
        conditions["category"] = Q(category__in=tree)
    if municipality is not None:
        places = OfferPlace.objects.filter(municipality=municipality).values("offer_id")
        conditions["municipality"] = (
            Q(is_online=True) | Q(serves_whole_district=True) | Q(pk__in=places)
        )
    if language is not None:
        speaking = Offer.languages.through.objects.filter(spokenlanguage=language)
        conditions["language"] = Q(pk__in=speaking.values("offer_id"))
    if target_group is not None:
        addressing = Offer.target_groups.through.objects.filter(targetgroup=target_group)
        conditions["target_group"] = Q(pk__in=addressing.values("offer_id"))
    if free:
        conditions["free"] = Q(cost=Cost.FREE)
    return conditions


def _text_query(query, offers):
    if isinstance(query, TextQuery):
        return query
    return TextQuery(query or "", using=offers.db)


def offer_search(
    offers,
    *,
    query="",
    category=None,
    municipality=None,
    language=None,
    target_group=None,
    free=False,
    provider=None,
    sort=SORT_RELEVANCE,
):
    """Return ``offers`` (a queryset of public offers) filtered and sorted.

    ``query`` is the visitor's text (or a ``TextQuery``). ``category`` includes its
    sub-categories; ``municipality`` means offers reachable there (a place there, online,
    or open to the whole district). Sorted by relevance only when there is a query.
    """
    text = _text_query(query, offers)
    offers = text.filter(offers)
    conditions = filter_conditions(
        category=category,
        municipality=municipality,
        language=language,
        target_group=target_group,
        free=free,
    )
    if provider is not None:
        conditions["provider"] = Q(provider=provider)
    offers = offers.filter(*conditions.values())
    if sort == SORT_NEWEST:
        return offers.order_by(F("published_at").desc(nulls_last=True), "-pk")
    if sort == SORT_RELEVANCE and text.searchable:
        return offers.annotate(rank=text.rank()).order_by("-rank", "title", "pk")
    return offers.order_by("title", "pk")


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


def offer_facets(
    offers,
    *,
    query="",
    category=None,
    municipality=None,
    language=None,
    target_group=None,
    free=False,
    provider=None,
):
    """Return the ``Facets`` of a search (the same arguments as ``offer_search``), in one
    query."""
    from .models import Category, Cost, Offer, OfferPlace

    text = _text_query(query, offers)
    if text and not text.searchable:
        return Facets()
    conditions = filter_conditions(
        category=category,
        municipality=municipality,
        language=language,
        target_group=target_group,
        free=free,
    )
    base = text.filter(offers)
    if provider is not None:
        base = base.filter(provider=provider)
    flags = {
        f"kp_{name}": ExpressionWrapper(condition, output_field=BooleanField())
        for name, condition in conditions.items()
    }
    base = (
        base.annotate(**flags)
        .order_by()
        .values("id", "category_id", "cost", "is_online", "serves_whole_district", *flags)
    )
    base_sql, params = base.query.sql_with_params()
    connection = connections[offers.db]
    quote = connection.ops.quote_name

    def others(name=None):
        names = [f"b.kp_{other}" for other in conditions if other != name]
        return " AND ".join(names) or "1 = 1"

    def through(model_field, column):
        table = model_field.remote_field.through._meta.db_table
        return quote(table), quote(column)

    languages_table, language_column = through(
        Offer._meta.get_field("languages"), "spokenlanguage_id"
    )
    groups_table, group_column = through(Offer._meta.get_field("target_groups"), "targetgroup_id")
    places_table = quote(OfferPlace._meta.db_table)
    categories_table = quote(Category._meta.db_table)
    everywhere = "(b.is_online OR b.serves_whole_district)"
    sql = f"""
        WITH b AS ({base_sql})
        SELECT 'total', '', COUNT(*) FROM b WHERE {others()}
        UNION ALL
        SELECT 'category',
        CAST(b.category_id AS TEXT) || ':' || COALESCE(CAST(c.parent_id AS TEXT), ''),
        COUNT(*) FROM b JOIN {categories_table} c ON c.id = b.category_id
        WHERE {others("category")} GROUP BY b.category_id, c.parent_id
        UNION ALL
        SELECT 'free', '', COUNT(*) FROM b WHERE {others("free")} AND b.cost = %s
        UNION ALL
        SELECT 'language', CAST(l.{language_column} AS TEXT), COUNT(*) FROM b
        JOIN {languages_table} l ON l.offer_id = b.id
        WHERE {others("language")} GROUP BY l.{language_column}
        UNION ALL
        SELECT 'target_group', CAST(g.{group_column} AS TEXT), COUNT(*) FROM b
        JOIN {groups_table} g ON g.offer_id = b.id
        WHERE {others("target_group")} GROUP BY g.{group_column}
        UNION ALL
        SELECT 'municipality', CAST(p.municipality_id AS TEXT), COUNT(DISTINCT b.id) FROM b
        JOIN {places_table} p ON p.offer_id = b.id
        WHERE {others("municipality")} AND NOT {everywhere} GROUP BY p.municipality_id
        UNION ALL
        SELECT 'everywhere', '', COUNT(*) FROM b WHERE {others("municipality")} AND {everywhere}
    """  # noqa: S608 - table names are quoted, values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, Cost.FREE])
        rows = cursor.fetchall()
    facets = Facets()
    for kind, key, count in rows:
        if kind in ("total", "free", "everywhere"):
            setattr(facets, kind, count)
        elif kind == "category":
            # A category counts the offers of its sub-categories too, as its filter does.
            category, parent = key.split(":")
            for pk in (category, parent):
                if pk:
                    facets.categories[int(pk)] = facets.categories.get(int(pk), 0) + count
        elif kind == "municipality":
            facets.places[int(key)] = count
        elif kind == "language":
            facets.languages[key] = count
        elif kind == "target_group":
            facets.target_groups[key] = count
    return facets


# The catalogue index -------------------------------------------------------------------
# The public catalogue and the API count and page through bit sets rather than SQL: a
# ``Snapshot`` holds, per district and catalogue version, the public offers and for each
# filter option the set of offers it admits, as Python integers whose bit n stands for the
# offer with id n. The text search asks the full-text index for the matching ids as such
# bits (the database ORs them into 64-bit words, so that no id passes through Python one by
# one). Counting the facets is then a few dozen ANDs and popcounts, and a page a walk over
# the offers in the order asked for. The work per search grows with the number of offers
# only in these bit operations (microseconds per 100,000 offers), not in joins over the
# many-to-many tables, and no rank is computed for every match.
#
# Both are cached under the catalogue version (migration 0004_catalogue_version: triggers
# give it a new value with every write to the offers, their places, languages, target
# groups and the categories) and the day (offers leave the catalogue when they become stale
# or end): in the process, and in Django's cache for the other server processes. A cached
# result is therefore never stale. If the cache fails, the search still works, only slower.

SNAPSHOT_TIMEOUT = 24 * 3600
# Part of every cache key: raise it when what is cached changes shape.
CACHE_FORMAT = 1
# Text matches kept per process (each up to three bit sets of 12.5 kB per 100,000 offers).
MATCHES_IN_PROCESS = 64
# With fewer results than this a page is taken from the sorted results; with more, from a
# walk over all offers in the order asked for (it soon finds a page's worth).
SORT_BELOW = 2048
WORD_BITS = 64
_WORD = (1 << WORD_BITS) - 1


def catalogue_version(using="default"):
    """Return ``(version, changed_at)`` of the offers catalogue (of all districts).

    ``(None, None)`` on a database without the version table (no caching there).
    """
    connection = connections[using]
    if connection.vendor not in _BACKENDS:
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


def _bits(ids):
    """Return the set of ``ids`` (non-negative integers) as the bits of an int."""
    ids = list(ids)
    if not ids:
        return 0
    data = bytearray(max(ids) // 8 + 1)
    for pk in ids:
        data[pk >> 3] |= 1 << (pk & 7)
    return int.from_bytes(data, "little")


def _bits_from_words(words):
    """Return the bits of ``[(index, word)]``: word ``index`` holds ids
    ``64 * index`` to ``64 * index + 63``."""
    words = list(words)
    if not words:
        return 0
    data = bytearray(8 * (max(index for index, _word in words) + 1))
    for index, word in words:
        data[8 * index : 8 * index + 8] = (int(word) & _WORD).to_bytes(8, "little")
    return int.from_bytes(data, "little")


# The positions of the set bits of each byte value.
_BYTE_BITS = [tuple(bit for bit in range(8) if value >> bit & 1) for value in range(256)]
_NON_ZERO = re.compile(rb"[^\x00]")


def _ids(bits):
    """Return the ids in ``bits``, smallest first."""
    found = []
    data = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    # The regular expression skips the empty bytes in C: most are, for a narrow search.
    for match in _NON_ZERO.finditer(data):
        index = match.start()
        base = index << 3
        found.extend(base + bit for bit in _BYTE_BITS[data[index]])
    return found


def _blocks(order):
    """Split ``order`` (ids) into about 64 runs; return ``[(start, end, bits of its ids)]``.

    A page of a sorted search then skips, with one AND per run, the runs that hold none of
    the results (or fewer than the page skips), instead of looking at each id in turn: the
    results of a search often sit together in name order ("Deutschkurs …").
    """
    size = max(1024, len(order) // 64 + 1)
    return [
        (start, min(start + size, len(order)), _bits(order[start : start + size]))
        for start in range(0, len(order), size)
    ]


def _walk(order, blocks, bits, skip, take):
    """Return the ids of ``order`` that are in ``bits``, after the first ``skip``."""
    data = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    size, found = len(data) * 8, []
    for start, end, block in blocks:
        count = (block & bits).bit_count()
        if count <= skip:
            skip -= count
            continue
        for pk in order[start:end]:
            if pk < size and data[pk >> 3] >> (pk & 7) & 1:
                if skip:
                    skip -= 1
                    continue
                found.append(pk)
                if len(found) == take:
                    return found
    return found


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
    from .models import Category, Cost, Offer, OfferPlace
    from .selectors import public_offers

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
        by_name=list(public.order_by("title", "pk").values_list("pk", flat=True)),
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


class _Memo:
    """What this process keeps: the latest snapshot per district, recent text matches."""

    def __init__(self):
        self.lock = threading.Lock()
        self.snapshots = {}  # (database, district id): (key, snapshot)
        self.matches = {}  # key: tiers (insertion order: oldest first)
        self.words = None  # (key, the words of SQLite's full-text index)

    def snapshot(self, slot, key):
        with self.lock:
            kept = self.snapshots.get(slot)
        return kept[1] if kept and kept[0] == key else None

    def keep_snapshot(self, slot, key, snapshot):
        with self.lock:
            self.snapshots[slot] = (key, snapshot)

    def match(self, key):
        with self.lock:
            return self.matches.get(key)

    def keep_match(self, key, tiers):
        with self.lock:
            self.matches[key] = tiers
            while len(self.matches) > MATCHES_IN_PROCESS:
                del self.matches[next(iter(self.matches))]

    def vocabulary(self, key):
        with self.lock:
            return self.words[1] if self.words and self.words[0] == key else None

    def keep_vocabulary(self, key, words):
        with self.lock:
            self.words = (key, words)

    def clear(self):
        with self.lock:
            self.snapshots.clear()
            self.matches.clear()
            self.words = None


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


def snapshot_for(district, *, today=None, using="default"):
    """Return the ``Snapshot`` of ``district``'s public offers today, its cache key (None
    where the database has no catalogue version) and ``catalogue_version()``."""
    from .services import confirmation_deadline

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
        from .selectors import public_offers

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


def ensure_sqlite_index(using="default", **kwargs):
    """Recreate the SQLite triggers of the search index if a table rebuild dropped them.

    Django's SQLite migrations rebuild a table to alter it, which drops its triggers; this
    runs after every ``migrate`` (post_migrate) and refills the index when it had to.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, type FROM sqlite_master WHERE name IN (%s, %s, %s, %s)",
            ["offers_offer_fts", *SQLITE_TRIGGERS],
        )
        present = {name for name, _type in cursor.fetchall()}
        _ensure_sqlite_version_triggers(cursor)
        if "offers_offer_fts" not in present or present >= set(SQLITE_TRIGGERS):
            return
        for name, sql in SQLITE_TRIGGERS.items():
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(sql)
        cursor.execute("DELETE FROM offers_offer_fts")
        cursor.execute(SQLITE_FILL)


# The same statements as in migration 0003_search_indexes (a migration keeps its own copy).
# ß is stored as ss, so that "Straße" and "Strasse" both find the stem "strass".
SQLITE_TRIGGERS = {
    "offers_offer_fts_insert": """
        CREATE TRIGGER offers_offer_fts_insert AFTER INSERT ON offers_offer BEGIN
            INSERT INTO offers_offer_fts (rowid, title, body) VALUES
            (new.id, replace(new.title, 'ß', 'ss'), replace(new.search_text, 'ß', 'ss'));
        END""",
    "offers_offer_fts_update": """
        CREATE TRIGGER offers_offer_fts_update AFTER UPDATE OF title, search_text ON offers_offer
        BEGIN
            DELETE FROM offers_offer_fts WHERE rowid = old.id;
            INSERT INTO offers_offer_fts (rowid, title, body) VALUES
            (new.id, replace(new.title, 'ß', 'ss'), replace(new.search_text, 'ß', 'ss'));
        END""",
    "offers_offer_fts_delete": """
        CREATE TRIGGER offers_offer_fts_delete AFTER DELETE ON offers_offer BEGIN
            DELETE FROM offers_offer_fts WHERE rowid = old.id;
        END""",
}
SQLITE_FILL = (
    "INSERT INTO offers_offer_fts (rowid, title, body) SELECT id, "
    "replace(title, 'ß', 'ss'), replace(search_text, 'ß', 'ss') FROM offers_offer"
)


def _ensure_sqlite_version_triggers(cursor):
    """Recreate the catalogue version's triggers that a table rebuild dropped."""
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'offers_catalogue_version'"
    )
    if cursor.fetchone() is None:
        return
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    present = {name for (name,) in cursor.fetchall()}
    for name, sql in SQLITE_VERSION_TRIGGERS.items():
        if name not in present:
            cursor.execute(sql)


# The same statements as in migration 0004_catalogue_version.
SQLITE_VERSION_TRIGGERS = {
    f"{table}_catalogue_{event.lower()}": f"""
        CREATE TRIGGER {table}_catalogue_{event.lower()} AFTER {event} ON {table} BEGIN
            UPDATE offers_catalogue_version
            SET version = random(), changed_at = strftime('%Y-%m-%d %H:%M:%f', 'now')
            WHERE id = 1;
        END"""  # noqa: S608 - names of our own tables
    for table in (
        "offers_offer",
        "offers_offerplace",
        "offers_offer_languages",
        "offers_offer_target_groups",
        "offers_category",
    )
    for event in ("INSERT", "UPDATE", "DELETE")
}
