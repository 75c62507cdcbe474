import factory
from django.utils import timezone

from knotenpunkt.directory.tests.factories import OrganisationFactory
from knotenpunkt.districts.tests.factories import DistrictFactory
from knotenpunkt.offers.models import Category, Offer, OfferPlace, OfferState, OfferTranslation


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("district", "slug")

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Kategorie {n}")
    slug = factory.Sequence(lambda n: f"kategorie-{n}")
    translations = factory.LazyAttribute(lambda category: {"en": f"Category {category.slug}"})


class OfferFactory(factory.django.DjangoModelFactory):
    """A published, freshly confirmed offer (``state=OfferState.DRAFT`` for a draft)."""

    class Meta:
        model = Offer
        skip_postgeneration_save = True

    district = factory.SubFactory(DistrictFactory)
    provider = factory.SubFactory(OrganisationFactory, district=factory.SelfAttribute("..district"))
    category = factory.SubFactory(CategoryFactory, district=factory.SelfAttribute("..district"))
    title = factory.Sequence(lambda n: f"Angebot {n}")
    summary = "Ein Angebot für Neuzugewanderte."
    description = "<p>Wir treffen uns jede Woche.</p>"
    state = OfferState.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    last_confirmed_at = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def search_index(offer, create, extracted, **kwargs):
        if create:
            from knotenpunkt.offers import search

            search.refresh(offer)


class OfferPlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfferPlace

    offer = factory.SubFactory(OfferFactory)
    district = factory.SelfAttribute("offer.district")
    name = "Bürgerhaus"
    street = "Hauptstraße 1"
    postal_code = "74564"
    city = "Teststadt"
    latitude = 49.1
    longitude = 10.0


class OfferTranslationFactory(factory.django.DjangoModelFactory):
    """A current translation (made from the offer's present German text)."""

    class Meta:
        model = OfferTranslation

    offer = factory.SubFactory(OfferFactory)
    district = factory.SelfAttribute("offer.district")
    language = "en"
    title = factory.LazyAttribute(lambda translation: f"{translation.offer.title} (en)")
    summary = "An offer for newcomers."
    source_hash = factory.LazyAttribute(lambda translation: translation.offer.text_hash)
