"""The result cards of the public catalogue: what each shows, and their markup.

A card holds only plain values (no model instances), read for a whole page in one query
(two outside German; ``selectors.public_cards``). Its markup is the same for every visitor who reads
the same language, so a worker renders each distinct card once and then reuses it: the
key is the card's content, so a change to the offer, its provider or its places makes a
new card, and nothing needs to be told to forget the old one.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.template.loader import get_template
from django.utils.safestring import SafeString

# Enough for the cards of the popular searches in every language of the site (a card's
# markup is about 1.5 kB).
MAX_RENDERED = 4096


@dataclass(frozen=True)
class OfferCard:
    """One offer in the results, in the visitor's language where a translation is current."""

    pk: int
    url: str
    title: str
    summary: str
    text_language: str  # "de" where the German text stands in for a missing translation
    category: str
    municipalities: tuple  # names, sorted
    is_online: bool
    serves_whole_district: bool
    cost: str  # the label, in the visitor's language
    languages: tuple  # labels of the languages it is offered in, by code
    provider: str


class _RenderedCards:
    """The markup of recently shown cards, per language, least recently used out first."""

    def __init__(self, size):
        self.size = size
        self.markup = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            markup = self.markup.get(key)
            if markup is not None:
                self.markup.move_to_end(key)
            return markup

    def put(self, key, markup):
        with self.lock:
            self.markup[key] = markup
            if len(self.markup) > self.size:
                self.markup.popitem(last=False)


rendered = _RenderedCards(MAX_RENDERED)


def render_cards(cards, language):
    """Return the markup of each of ``cards`` (``OfferCard``) for a page in ``language``."""
    template = None
    result = []
    for card in cards:
        key = (language, card)
        markup = rendered.get(key)
        if markup is None:
            template = template or get_template("offers/partials/_card.html")
            markup = SafeString(template.render({"card": card, "LANGUAGE_CODE": language}))
            rendered.put(key, markup)
        result.append(markup)
    return result
