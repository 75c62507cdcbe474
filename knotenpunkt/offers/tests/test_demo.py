"""The demo offers: a realistic catalogue for the demo district, loadable again and again."""

import re

import pytest

from knotenpunkt.core.demo import load_demo
from knotenpunkt.districts.models import District, Municipality
from knotenpunkt.offers import categories as categories_module
from knotenpunkt.offers import search, selectors, services
from knotenpunkt.offers.models import (
    Category,
    Offer,
    OfferPlace,
    OfferState,
    OfferTime,
    OfferTranslation,
    TranslationStatus,
)

pytestmark = pytest.mark.django_db

ARABIC = re.compile(r"[\u0600-\u06FF]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def _counts(district):
    return (
        Offer.objects.in_district(district).count(),
        OfferPlace.objects.in_district(district).count(),
        OfferTime.objects.in_district(district).count(),
        OfferTranslation.objects.in_district(district).count(),
        Offer.languages.through.objects.count(),
        Offer.target_groups.through.objects.count(),
        Category.objects.count(),
    )


def _check_300_to_500_offers_in_every_category_and_municipality(demo):
    offers = Offer.objects.in_district(demo).main_rows()
    assert 300 <= offers.count() <= 500
    categories = set(offers.values_list("category__slug", flat=True))
    assert categories == {
        slug for slug, _name, _translations in categories_module.DEFAULT_CATEGORIES
    }
    municipalities = Municipality.objects.in_district(demo)
    covered = OfferPlace.objects.in_district(demo).values("municipality").distinct()
    assert covered.count() == municipalities.count() == 53
    assert offers.filter(is_online=True).exists()
    assert offers.filter(serves_whole_district=True).exists()
    assert 250 <= selectors.public_offers(district=demo).count() < offers.count()


def _check_a_few_offers_in_every_state(demo):
    offers = Offer.objects.in_district(demo)
    main_rows = offers.main_rows()
    for state in (OfferState.DRAFT, OfferState.IN_REVIEW, OfferState.ARCHIVED):
        assert 3 <= main_rows.filter(state=state).count() <= 30, state
    assert 3 <= selectors.stale_offers(district=demo).count() <= 30
    assert 3 <= offers.filter(revision_of__isnull=False).count() <= 20
    assert services.offers_due_for_reminder(demo).exists()


def _check_translations_into_english_arabic_and_ukrainian_some_outdated(demo):
    translations = OfferTranslation.objects.in_district(demo).select_related("offer")
    by_language = {
        language: translations.filter(language=language) for language in ("en", "ar", "uk")
    }
    for language, rows in by_language.items():
        assert rows.count() >= 30, language
    assert all(ARABIC.search(t.title + t.summary) for t in by_language["ar"])
    assert all(CYRILLIC.search(t.title + t.summary) for t in by_language["uk"])
    statuses = [translation.status for translation in translations]
    assert TranslationStatus.OUTDATED in statuses
    assert statuses.count(TranslationStatus.CURRENT) > statuses.count(TranslationStatus.OUTDATED)


def _check_rows_are_valid_fictional_and_searchable(demo):
    offers = Offer.objects.in_district(demo).select_related("provider", "category")
    for offer in offers.prefetch_related("translations"):
        offer.full_clean()
        assert offer.search_text == search.search_text(offer)
        assert offer.provider.district_id == demo.pk
        assert not offer.contact_email or offer.contact_email.endswith(".example")
        assert offer.contact_phone.startswith("07999 ")
    for model in (OfferPlace, OfferTime, OfferTranslation):
        for row in model.objects.in_district(demo):
            row.full_clean()
    for place in OfferPlace.objects.in_district(demo).select_related("municipality"):
        assert abs(place.latitude - place.municipality.latitude) < 0.01
        assert abs(place.longitude - place.municipality.longitude) < 0.01


def _check_every_demo_district_has_the_default_categories():
    for district in District.objects.all():
        assert Category.objects.in_district(district).count() >= len(
            categories_module.DEFAULT_CATEGORIES
        )


def test_the_demo_offers_look_like_a_real_catalogue_and_load_twice_without_duplicates():
    """One test, because loading the demo takes seconds."""
    load_demo()
    demo = District.objects.get(slug="mittelwald")
    _check_300_to_500_offers_in_every_category_and_municipality(demo)
    _check_a_few_offers_in_every_state(demo)
    _check_translations_into_english_arabic_and_ukrainian_some_outdated(demo)
    _check_rows_are_valid_fictional_and_searchable(demo)
    _check_every_demo_district_has_the_default_categories()
    before = _counts(demo)

    load_demo()

    assert _counts(demo) == before
