"""The generator command for benchmarks: the requested offers, valid, searchable, fictional."""

import pytest
from django.core.management import CommandError, call_command

from knotenpunkt.directory.models import OrganisationType
from knotenpunkt.directory.tests.factories import OrganisationFactory
from knotenpunkt.offers import search
from knotenpunkt.offers.models import Offer, OfferPlace, OfferState, OfferTime, OfferTranslation

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations(district, municipalities):
    types = [
        OrganisationType.VOLUNTEER_INITIATIVE,
        OrganisationType.ADULT_EDUCATION,
        OrganisationType.MIGRATION_COUNSELLING,
        OrganisationType.WELFARE_ASSOCIATION,
        OrganisationType.CHURCH,
    ]
    return [
        OrganisationFactory(
            district=district,
            type=kind,
            municipality=municipalities[index % len(municipalities)],
            email=f"info@org{index}.example",
        )
        for index, kind in enumerate(types)
    ]


def _generate(district, count, **options):
    call_command("generate_offers", district=district.slug, offers=count, verbosity=0, **options)


def test_generates_the_requested_offers_with_places_times_and_relations(district, organisations):
    _generate(district, 300, seed=7, batch_size=70)

    offers = Offer.objects.in_district(district)
    assert offers.count() == 300
    assert offers.filter(state=OfferState.PUBLISHED).count() > 250
    assert not offers.filter(times__isnull=True).exists()
    assert not offers.filter(languages__isnull=True).exists()
    assert not offers.filter(target_groups__isnull=True).exists()
    assert not offers.filter(is_online=False, places__isnull=True).exists()
    assert offers.values("category").distinct().count() >= 5
    assert OfferTranslation.objects.in_district(district).exists()


def test_generated_rows_are_valid_fictional_and_their_search_text_is_current(
    district, organisations
):
    _generate(district, 120, seed=3)

    offers = (
        Offer.objects.in_district(district)
        .select_related("provider", "category")
        .prefetch_related("translations")
    )
    for offer in offers:
        offer.full_clean()
        assert offer.search_text == search.search_text(offer)
        assert offer.text_hash
        assert 40 <= len(search.plain_text(offer.description).split()) <= 160
        assert offer.contact_email.endswith(".example")
        assert offer.contact_phone.startswith("07999 ")
        assert offer.provider.district_id == district.pk
    for model in (OfferPlace, OfferTime, OfferTranslation):
        for row in model.objects.in_district(district):
            row.full_clean()


def test_new_offers_get_new_ids_after_generated_ones(district, organisations):
    _generate(district, 10)
    generated = Offer.objects.in_district(district).latest("pk")

    created = Offer.objects.create(
        district=district,
        provider=generated.provider,
        category=generated.category,
        title="Nachher",
        summary="Nach den generierten Angeboten.",
    )

    assert created.pk > generated.pk


def test_the_same_seed_gives_the_same_titles(district, organisations):
    _generate(district, 20, seed=5)
    first = list(Offer.objects.in_district(district).order_by("pk").values_list("title", flat=True))
    Offer.objects.in_district(district).delete()

    _generate(district, 20, seed=5)

    again = list(Offer.objects.in_district(district).order_by("pk").values_list("title", flat=True))
    assert again == first


def test_unknown_district_and_empty_district_are_errors(db, district):
    with pytest.raises(CommandError):
        call_command("generate_offers", district="nowhere", verbosity=0)
    with pytest.raises(CommandError):
        call_command("generate_offers", district=district.slug, verbosity=0)
