"""Offers fixtures, shared with the view access matrix (via pytest_plugins)."""

import pytest

from knotenpunkt.core.roles import Role
from knotenpunkt.directory.tests.factories import affiliate
from knotenpunkt.offers.categories import ensure_default_categories

from .factories import OfferFactory, OfferPlaceFactory


@pytest.fixture
def categories(district):
    ensure_default_categories(district)
    return list(district_categories(district))


def district_categories(district):
    from knotenpunkt.offers.models import Category

    return Category.objects.in_district(district).order_by("position")


@pytest.fixture
def provider(organisation, users):
    """The ``organisation`` of the directory fixtures, written by the district's partner editor."""
    affiliate(users[Role.PARTNER_EDITOR], organisation)
    return organisation


@pytest.fixture
def offer(district, provider, categories, municipalities):
    """A published offer of ``provider`` with a place in the first municipality."""
    offer = OfferFactory(district=district, provider=provider, category=categories[0])
    OfferPlaceFactory(offer=offer, municipality=municipalities[0])
    return offer


@pytest.fixture
def offer_kwargs(offer):
    return {"pk": offer.pk}


@pytest.fixture
def other_offer(other_district):
    return OfferFactory(district=other_district)


@pytest.fixture
def form_row_kwargs():
    """The URL kwargs of an empty place row of the offer form (htmx)."""
    return {"prefix": "places"}


@pytest.fixture
def offer_translation_kwargs(offer):
    """The URL kwargs of the Arabic translation page of ``offer``."""
    return {"pk": offer.pk, "language": "ar"}


@pytest.fixture
def category_kwargs(categories):
    return {"pk": categories[0].pk}


@pytest.fixture
def confirm_kwargs(offer):
    """The URL kwargs of the "still valid" link a reminder e-mail for ``offer`` carries."""
    from knotenpunkt.offers.tasks import confirm_token

    return {"token": confirm_token(offer)}
