"""Whether a translation is current, outdated or missing.

The source record stores ``text_hash``, a hash of its source text (``text_hash(*parts)``);
a translation stores in ``source_hash`` the ``text_hash`` of the text it was made from.
Equal hashes: the translation is current; different: outdated (the source changed since);
no translation: missing. Compute the status in one of two ways only: in the database with
``translation_status_annotation`` (or ``current_translations`` and
``outdated_translations``), in Python with
``status_of``.
"""

import hashlib

from django.db import models
from django.db.models import Case, Exists, OuterRef, Value, When
from django.utils.translation import gettext_lazy as _

# Between the parts of a text, so that ("ab", "c") and ("a", "bc") hash differently.
PART_SEPARATOR = "\x1f"


class TranslationStatus(models.TextChoices):
    CURRENT = "current", _("current")
    OUTDATED = "outdated", _("outdated")
    MISSING = "missing", _("missing")


def text_hash(*parts: str | None) -> str:
    """Return the SHA-256 (hex) of the source text ``parts``; None counts as empty."""
    text = PART_SEPARATOR.join(part or "" for part in parts)
    return hashlib.sha256(text.encode()).hexdigest()


def status_of(source_hash: str | None, current_hash: str) -> TranslationStatus:
    """Return the status of a translation made from ``source_hash`` (None: there is none)
    of a text whose hash is now ``current_hash``."""
    if source_hash is None:
        return TranslationStatus.MISSING
    if source_hash == current_hash:
        return TranslationStatus.CURRENT
    return TranslationStatus.OUTDATED


def current_translations(translations, *, text_hash_of_source=None):
    """Return the ``translations`` (a queryset) made from the source's current text.

    Inside a subquery of the source rows; ``text_hash_of_source`` defaults to the outer
    row's ``text_hash`` (pass e.g. ``OuterRef("offer__text_hash")`` from another table).
    """
    if text_hash_of_source is None:
        text_hash_of_source = OuterRef("text_hash")
    return translations.filter(source_hash=text_hash_of_source)


def outdated_translations(translations, *, text_hash_of_source=None):
    """Return the ``translations`` made from an older text of the source (see above)."""
    if text_hash_of_source is None:
        text_hash_of_source = OuterRef("text_hash")
    return translations.exclude(source_hash=text_hash_of_source)


def translation_status_annotation(translations, *, source_field: str, language: str):
    """Return an expression: the ``TranslationStatus`` of the outer row into ``language``.

    ``translations`` is the translation model's queryset, ``source_field`` its foreign key
    to the source (``OfferTranslation.objects``, ``"offer"``). For example
    ``Offer.objects.annotate(status_ar=translation_status_annotation(…, language="ar"))``.
    """
    into_language = translations.filter(**{source_field: OuterRef("pk"), "language": language})
    return Case(
        When(Exists(current_translations(into_language)), then=Value(TranslationStatus.CURRENT)),
        When(Exists(into_language), then=Value(TranslationStatus.OUTDATED)),
        default=Value(TranslationStatus.MISSING),
        output_field=models.CharField(),
    )
