"""Translation status: current, outdated or missing, in Python and in the database alike.

Offers serve as the example source records.
"""

import pytest

from knotenpunkt.core.lifecycle.translation import (
    TranslationStatus,
    current_translations,
    status_of,
    text_hash,
    translation_status_annotation,
)
from knotenpunkt.offers.models import Offer, OfferTranslation
from knotenpunkt.offers.tests.factories import OfferFactory, OfferTranslationFactory


def test_the_text_hash_tells_where_one_part_ends_and_the_next_begins():
    assert text_hash("ab", "c") != text_hash("a", "bc")
    assert text_hash("Titel", None) == text_hash("Titel", "")
    assert len(text_hash("Titel")) == 64


def test_a_translation_is_current_outdated_or_missing():
    source = text_hash("Sprachcafé")

    assert status_of(source, source) == TranslationStatus.CURRENT
    assert status_of(text_hash("Sprachcafe"), source) == TranslationStatus.OUTDATED
    assert status_of(None, source) == TranslationStatus.MISSING


@pytest.fixture
def offers(district):
    """Offers with an Arabic translation that is current, one that is outdated, and none."""
    current, outdated, missing = OfferFactory.create_batch(3, district=district)
    OfferTranslationFactory(offer=current, language="ar")
    OfferTranslationFactory(offer=outdated, language="ar")
    Offer.objects.filter(pk=outdated.pk).update(text_hash=text_hash("changed since"))
    return {"current": current, "outdated": outdated, "missing": missing}


def test_the_annotation_gives_each_row_the_status_status_of_gives(offers):
    rows = Offer.objects.annotate(
        arabic=translation_status_annotation(
            OfferTranslation.objects, source_field="offer", language="ar"
        ),
        english=translation_status_annotation(
            OfferTranslation.objects, source_field="offer", language="en"
        ),
    )

    by_pk = {row.pk: row for row in rows}
    for expected, offer in offers.items():
        row = by_pk[offer.pk]
        translation = OfferTranslation.objects.filter(offer=offer, language="ar").first()
        assert row.arabic == expected
        assert status_of(getattr(translation, "source_hash", None), row.text_hash) == expected
        assert row.english == TranslationStatus.MISSING


def test_current_translations_leave_out_the_outdated_ones(offers):
    from django.db.models import Exists, OuterRef

    with_current = Offer.objects.filter(
        Exists(current_translations(OfferTranslation.objects.filter(offer=OuterRef("pk"))))
    )

    assert list(with_current) == [offers["current"]]
