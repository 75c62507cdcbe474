"""The offers follow changes in the directory (reactions after commit)."""

import pytest

from knotenpunkt.core.roles import Role
from knotenpunkt.directory.services import organisation_update
from knotenpunkt.offers.search import offer_search
from knotenpunkt.offers.selectors import public_offers
from knotenpunkt.offers.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def _found(district, query):
    return set(offer_search(public_offers(district=district), query=query))


def test_a_renamed_provider_keeps_its_offers_findable_by_the_new_name(
    district, users, organisation, categories, django_capture_on_commit_callbacks
):
    offer = OfferFactory(district=district, provider=organisation, category=categories[0])
    with django_capture_on_commit_callbacks(execute=True):
        organisation_update(
            actor=users[Role.DISTRICT_COORDINATOR],
            district=district,
            organisation=organisation,
            name="Zauberwaldhilfe Nordkreis",
        )

    assert _found(district, "Zauberwaldhilfe") == {offer}


def test_the_reaction_waits_for_the_commit(
    district, users, organisation, categories, django_capture_on_commit_callbacks
):
    offer = OfferFactory(district=district, provider=organisation, category=categories[0])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        organisation_update(
            actor=users[Role.DISTRICT_COORDINATOR],
            district=district,
            organisation=organisation,
            name="Zauberwaldhilfe Nordkreis",
        )
        offer.refresh_from_db()
        assert "Zauberwaldhilfe" not in offer.search_text

    assert callbacks
