"""The vCard of a contact person names the person in its parts (RFC 6350 N)."""

import vobject
from django.urls import reverse

from .factories import ContactPersonFactory, OrganisationFactory


def test_the_vcard_puts_given_and_family_name_in_their_fields(client, district):
    organisation = OrganisationFactory(district=district, is_public=True)
    contact = ContactPersonFactory(
        organisation=organisation, name="Dr. Jana Maria Müller B.Sc.", is_public=True
    )
    url = reverse(
        "directory:contact_vcard", kwargs={"district_slug": district.slug, "pk": contact.pk}
    )

    card = vobject.readOne(client.get(url).content.decode())

    assert card.fn.value == "Dr. Jana Maria Müller B.Sc."
    name = card.n.value
    assert (name.family, name.given, name.additional) == ("Müller", "Jana", "Maria")
    assert (name.prefix, name.suffix) == ("Dr.", "B.Sc.")
    assert card.org.value == [organisation.name]
