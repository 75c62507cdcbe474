"""Deleting an organisation that others still need is refused, saying what to do first."""

import pytest
from django.urls import reverse

from knotenpunkt.accounts.tests.factories import InvitationFactory
from knotenpunkt.core.deletion import DeletionRefused
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.core.roles import Role
from knotenpunkt.directory.affiliations import bind
from knotenpunkt.directory.models import Affiliation, ContactPerson, Organisation
from knotenpunkt.directory.services import organisation_delete
from knotenpunkt.directory.tests.factories import ContactPersonFactory, affiliate
from knotenpunkt.offers.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def _delete(users, district, organisation):
    organisation_delete(
        actor=users[Role.DISTRICT_COORDINATOR], district=district, organisation=organisation
    )


def test_an_organisation_that_provides_offers_is_not_deleted(district, users, organisation):
    OfferFactory(district=district, provider=organisation, state="archived")
    OfferFactory(district=district, provider=organisation)

    with pytest.raises(DeletionRefused) as refusal:
        _delete(users, district, organisation)

    assert "2" in " ".join(refusal.value.reasons)
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert not AuditEntry.objects.filter(action="organisation.deleted").exists()


def test_an_organisation_with_partner_editors_keeps_them_and_is_not_deleted(
    district, users, organisation
):
    membership = affiliate(users[Role.PARTNER_EDITOR], organisation)
    invitation = InvitationFactory(district=district, role=Role.PARTNER_EDITOR)
    bind(invitation, organisation)

    with pytest.raises(DeletionRefused) as refusal:
        _delete(users, district, organisation)

    assert len(refusal.value.reasons) == 1
    assert Affiliation.objects.filter(membership=membership).exists()
    assert Affiliation.objects.filter(invitation=invitation).exists()


def test_the_question_page_says_why_before_anyone_clicks_and_offers_no_delete_button(
    client, district, users, organisation, municipalities
):
    from knotenpunkt.directory.models import Responsibility

    OfferFactory(district=district, provider=organisation)
    Responsibility.objects.create(
        district=district, municipality=municipalities[1], provider=organisation
    )
    client.force_login(users[Role.DISTRICT_COORDINATOR])
    url = reverse("directory:workspace_organisation_delete", args=[district.slug, organisation.pk])

    response = client.get(url)

    assert len(response.context["reasons"]) == 2
    assert municipalities[1].name in " ".join(response.context["reasons"])
    assert 'type="submit"' not in response.content.decode().split("<main", 1)[1]
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_the_page_explains_why_and_changes_nothing(client, district, users, organisation):
    ContactPersonFactory(organisation=organisation)
    OfferFactory(district=district, provider=organisation)
    client.force_login(users[Role.DISTRICT_COORDINATOR])
    url = reverse("directory:workspace_organisation_delete", args=[district.slug, organisation.pk])

    response = client.post(url, follow=True)

    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert any(organisation.name in message for message in messages)
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert ContactPerson.objects.filter(organisation=organisation).exists()


def test_an_organisation_nobody_needs_is_deleted_with_its_contacts(district, users, organisation):
    ContactPersonFactory(organisation=organisation)

    _delete(users, district, organisation)

    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert not ContactPerson.objects.exists()
    assert AuditEntry.objects.filter(action="organisation.deleted").exists()
