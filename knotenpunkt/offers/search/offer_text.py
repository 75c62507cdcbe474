"""The search text of an offer: what the full-text index of each database reads."""

from knotenpunkt.core.richtext import html_to_text as plain_text


def search_text(offer) -> str:
    """Return the text of ``offer`` that the full-text index reads, in one line."""
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
