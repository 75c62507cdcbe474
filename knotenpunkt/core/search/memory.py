"""A search index in the process's memory, for collections of a few thousand rows.

The directory of a district holds a few hundred organisations: its words fit in memory,
and reading them (one query) is cheaper than keeping a full-text index of their own in
each database. ``MemoryIndex`` keeps each word (folded, as written) with the bits of the
rows that have it in their title or elsewhere, and searches with the same terms, stems,
typo corrections and compounds as the offers' full-text index (``words``), combined by
``clauses.match_clauses``. A word that matches nothing is also tried as a compound of
indexed words ("Deutschkurs": "deutsch" and "kurs", or failing that its head "kurs").
"""

import bisect
import threading
from collections import OrderedDict

from .clauses import REST, TITLE, match_clauses
from .words import MIN_EXPANDED_LENGTH, WORD, _expand_term, fold, parse, stem

# The first part of a compound may be short ("Malkurs"); only its head must be found.
MIN_MODIFIER_LENGTH = 3


def _matches_stem(word, term):
    # As on SQLite: the words as written, the stem searched as a prefix.
    return word.startswith(fold(term.stem))


class MemoryIndex:
    """The words of a collection of rows and, per word, the bits of the rows with it."""

    def __init__(self, documents):
        """``documents``: ``(id, title, text)`` for each row."""
        self.postings = {}  # folded word: [bits where elsewhere, unused, bits in the title]
        for pk, title, text in documents:
            bit = 1 << pk
            for tier, words in ((TITLE, title), (REST, text)):
                for word in WORD.findall(fold(words or "")):
                    self.postings.setdefault(word, [0, 0, 0])[tier] |= bit
        self.vocabulary = sorted(self.postings)

    def _prefixed(self, prefix):
        """The indexed words that begin with ``prefix``."""
        start = bisect.bisect_left(self.vocabulary, prefix)
        for word in self.vocabulary[start:]:
            if not word.startswith(prefix):
                break
            yield word

    def _bits(self, words):
        found = [0, 0, 0]
        for word in words:
            for tier, bits in enumerate(self.postings[word]):
                found[tier] |= bits
        return found

    def _term_bits(self, term):
        """The bits of the rows with ``term`` (expanded), by tier."""
        words = set(self._prefixed(fold(term.stem)))
        if not fold(term.word).startswith(fold(term.stem)):
            words.update(self._prefixed(fold(term.word)))
        for typo in term.typo_words:
            words.update(self._prefixed(fold(stem(typo))))
        words.update(word for word in term.compound_words if word in self.postings)
        return self._bits(words)

    def _part_bits(self, part):
        """The bits of the rows with a word that begins with, or contains, ``part``."""
        key = fold(stem(part))
        return self._bits(word for word in self.vocabulary if key in word)

    def _compound_bits(self, term):
        """A word the index does not know, read as a compound of words it knows: the rows
        with all its parts, or else with its head (the last part), by tier."""
        word = fold(term.word)
        heads = []
        for split in range(MIN_MODIFIER_LENGTH, len(word) - MIN_EXPANDED_LENGTH + 1):
            modifier, head = word[:split], word[split:]
            head_bits = self._part_bits(head)
            if not head_bits[REST] | head_bits[TITLE]:
                continue
            heads.append(head_bits)
            # A linking s ("Integrationskurs") is no part of the modifier.
            for part in {modifier, modifier.removesuffix("s")} - {""}:
                if len(part) < MIN_EXPANDED_LENGTH:
                    continue
                part_bits = self._part_bits(part)
                anywhere = (part_bits[REST] | part_bits[TITLE]) & (
                    head_bits[REST] | head_bits[TITLE]
                )
                if anywhere:
                    return [anywhere, 0, part_bits[TITLE] & head_bits[TITLE]]
        # The longest head that is found: the most specific ("sprachkurs" before "kurs").
        return heads[0] if heads else [0, 0, 0]

    def search(self, text):
        """Return ``{tier: bits}`` of the rows that match ``text``: 2 where the title has
        every word, 0 for the rest."""
        clauses = parse(text)
        terms = [term for clause in clauses for term in clause]
        bits = []
        for term in terms:
            if term.expandable and not term.negated:
                _expand_term(term, self.vocabulary, _matches_stem)
            found = self._term_bits(term)
            if not any(found) and term.expandable and not term.negated:
                found = self._compound_bits(term)
            bits.append(found)

        def having(index, tiers):
            found = 0
            for tier in tiers:
                found |= bits[index][tier]
            return found

        return match_clauses(clauses, having)


class IndexCache:
    """The latest ``MemoryIndex`` of each of the most recently searched collections."""

    def __init__(self, size=64):
        self.size = size
        self.lock = threading.Lock()
        self.kept = OrderedDict()  # slot: (key, index), least recently used first

    def get(self, slot, key, build):
        """Return the index kept for ``slot`` under ``key``, or one from ``build()``."""
        with self.lock:
            kept = self.kept.get(slot)
            if kept is not None and kept[0] == key:
                self.kept.move_to_end(slot)
                return kept[1]
        index = build()
        with self.lock:
            self.kept[slot] = (key, index)
            self.kept.move_to_end(slot)
            while len(self.kept) > self.size:
                self.kept.popitem(last=False)
        return index
