"""Full-text search of offers: German stemming, typo tolerance, facet counts.

``refresh`` keeps ``Offer.search_text`` current; the database indexes it (migration
0003_search_indexes):

- PostgreSQL: a ``search_vector`` column (title weighted A, summary B, search text D, with
  the ``german`` configuration) that a trigger fills, with a GIN index; and a vocabulary
  table ``offers_search_word`` (the words of all search texts, trigram-indexed).
  ``search_vector`` is not a model field: only this module reads it.
- SQLite: an FTS5 table ``offers_offer_fts`` that triggers keep in step with the offers,
  and its vocabulary ``offers_offer_fts_vocab``. Stemming happens on the query side: the
  stem of each word (Snowball, the same algorithm as PostgreSQL's) is searched as a prefix.

A visitor's words are looked up in the vocabulary first (one query). A word that matches
nothing gets the indexed words within one or two typing errors instead; a word of four
letters or more also finds the compounds that contain it ("kurs" finds "Deutschkurs").
"""

import functools
import html
import re
import threading
import unicodedata
from dataclasses import dataclass, field

import snowballstemmer
from django.db import connections
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
    def tsquery(clauses):
        def alternatives(term):
            words = [term.word, f"{term.word}:*", *term.typo_words, *term.compound_words]
            return "(" + " | ".join(words) + ")"

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
        return Func(
            _SearchVector(), self._query(clauses), function="ts_rank", output_field=FloatField()
        )


class _SQLite:
    """FTS5 over the words as written; stems are searched as prefixes."""

    def __init__(self, using):
        self.using = using

    def expand(self, terms):
        terms = [term for term in terms if term.expandable and not term.negated]
        if not terms:
            return
        conditions, params = [], []
        for term in terms:
            key = fold(term.word)
            limit = typing_errors_allowed(key)
            # Typing errors: about as long, and the first or the last two letters right.
            conditions.append(
                "(length(term) BETWEEN %s AND %s"
                " AND (substr(term, 1, 1) = %s OR substr(term, -2) = %s))"
            )
            params += [len(key) - limit, len(key) + limit, key[:1], key[-2:]]
            head = fold(term.stem)
            conditions.append("substr(term, 1, %s) = %s")
            params += [len(head), head]
            if term.needle:
                conditions.append("instr(term, %s) > 0")
                params.append(fold(term.needle))
        sql = "SELECT term FROM offers_offer_fts_vocab WHERE " + " OR ".join(conditions)  # noqa: S608
        with connections[self.using].cursor() as cursor:
            cursor.execute(sql, params)
            candidates = [word for (word,) in cursor.fetchall() if WORD.fullmatch(word)]
        for term in terms:
            _expand_term(term, candidates, self._matches_stem)

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

    def for_municipality(self, municipality):
        return self.places.get(municipality.pk, 0) + self.everywhere


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
