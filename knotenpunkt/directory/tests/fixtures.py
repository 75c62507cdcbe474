"""Directory fixtures, shared with the view access matrix (via pytest_plugins)."""

import pytest

from .factories import ContactPersonFactory, OrganisationFactory


@pytest.fixture
def organisation(district, municipalities):
    organisation = OrganisationFactory(district=district, municipality=municipalities[0])
    organisation.municipalities.add(municipalities[0])
    return organisation


@pytest.fixture
def other_organisation(other_district):
    return OrganisationFactory(district=other_district)


@pytest.fixture
def organisation_kwargs(organisation):
    return {"pk": organisation.pk}


@pytest.fixture
def contact(organisation):
    return ContactPersonFactory(organisation=organisation)


@pytest.fixture
def contact_kwargs(contact):
    return {"pk": contact.pk}
