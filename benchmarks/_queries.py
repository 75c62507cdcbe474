"""Search texts for the benchmarks: generated from the catalogue's own words, each used once.

Not a test module. A visitor's search is most often one the server has not seen before,
and the search caches every text's matches (knotenpunkt/offers/search/caching.py), so a
benchmark that repeats its texts measures the cache. ``UniqueTexts`` therefore makes texts
that were never searched before: a word of the vocabulary as it is, with a typing error,
cut to a prefix, or two words together; the same seed gives the same texts. "Never before"
is judged on the words as the search reads them (lower case, accents folded, order
ignored), so "Deutschkurs" and "deutschkurs" count as one.
"""

import re
import unicodedata

WORD = re.compile(r"[^\W\d_]{3,}")
# What each generated text is, and how often (in per cent).
KINDS = (("typo", 30), ("prefix", 20), ("two words", 30), ("word", 20))


def _fold(word):
    word = unicodedata.normalize("NFD", word.lower().replace("ß", "ss"))
    return "".join(char for char in word if not unicodedata.combining(char))


def text_key(text):
    """The words of ``text`` as the search reads them: a text with the same key is a repeat."""
    return tuple(sorted(_fold(word) for word in WORD.findall(text)))


def vocabulary(district, *, limit=20000):
    """Return (words, pairs) of the district's offers: the words of titles and summaries
    (German and translated), and pairs of words that stand in one title."""
    from knotenpunkt.offers.models import Offer, OfferTranslation

    words, pairs = {}, set()
    rows = Offer.objects.in_district(district).order_by("pk").values_list("title", "summary")
    translated = (
        OfferTranslation.objects.in_district(district)
        .order_by("pk")
        .values_list("title", "summary")
    )
    for rows_of in (rows[:limit], translated[: limit // 4]):
        for title, summary in rows_of:
            in_title = [word for word in WORD.findall(title) if len(word) >= 4]
            for word in in_title + WORD.findall(summary):
                words[word] = words.get(word, 0) + 1
            for first, second in zip(in_title, in_title[1:], strict=False):
                pairs.add((first, second))
    return sorted(words), sorted(pairs)


class UniqueTexts:
    """Search texts, none of which this object handed out before (see the module)."""

    def __init__(self, rng, words, pairs):
        self.rng = rng
        self.words = [word for word in words if len(word) >= 4]
        self.pairs = pairs or [(a, b) for a, b in zip(self.words, self.words[1:], strict=False)]
        self.seen = set()
        self.kinds = {}

    def _typo(self, word):
        if len(word) < 5:
            return word + self.rng.choice("aeinrst")
        position = self.rng.randrange(1, len(word) - 1)
        operation = self.rng.choice(("drop", "swap", "replace", "insert"))
        letter = self.rng.choice("abcdefghiklmnoprstuwz")
        if operation == "drop":
            return word[:position] + word[position + 1 :]
        if operation == "swap":
            return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
        if operation == "replace":
            return word[:position] + letter + word[position + 1 :]
        return word[:position] + letter + word[position:]

    def _make(self, kind):
        rng = self.rng
        if kind == "word":
            return rng.choice(self.words)
        if kind == "typo":
            return self._typo(rng.choice([w for w in rng.sample(self.words, 5) if len(w) >= 5]
                                         or self.words))  # fmt: skip
        if kind == "prefix":
            word = rng.choice(self.words)
            return word[: rng.randint(4, max(4, len(word) - 1))]
        first, second = rng.choice(self.pairs)
        if rng.random() < 0.3:
            first = self._typo(first)
        return f"{first} {second}"

    def next(self):
        """Return a text not handed out before."""
        weights = [weight for _kind, weight in KINDS]
        for _attempt in range(10_000):
            kind = self.rng.choices([kind for kind, _weight in KINDS], weights)[0]
            text = self._make(kind)
            key = text_key(text)
            if key and key not in self.seen:
                self.seen.add(key)
                self.kinds[kind] = self.kinds.get(kind, 0) + 1
                return text
        raise SystemExit("The vocabulary is too small for this many unique texts.")
