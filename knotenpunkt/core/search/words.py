"""Words: a visitor's query as terms; stems, folding and typing errors.

A word of four letters or more that the index does not find gets the indexed words within
one or two typing errors instead (``distance``); it also finds the compounds that contain
it ("kurs" finds "Deutschkurs"). Nothing here touches the database.
"""

import functools
import re
import threading
import unicodedata
from dataclasses import dataclass, field

import snowballstemmer

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
