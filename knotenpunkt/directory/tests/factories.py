import factory

from knotenpunkt.directory.models import ContactPerson, Organisation, OrganisationType
from knotenpunkt.districts.tests.factories import DistrictFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    type = OrganisationType.WELFARE_ASSOCIATION
    city = "Teststadt"
    is_public = True


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    organisation = factory.SubFactory(OrganisationFactory)
    district = factory.SelfAttribute("organisation.district")
    name = factory.Sequence(lambda n: f"Kontakt {n}")
    function = "Beratung"
    email = factory.Sequence(lambda n: f"kontakt{n}@example.org")
    is_public = True


def affiliate(user, organisation, role="partner_editor"):
    """Bind ``user``'s membership with ``role`` to ``organisation`` (``Affiliation``)."""
    from knotenpunkt.accounts.models import Membership
    from knotenpunkt.directory.affiliations import bind

    membership = Membership.objects.get(district=organisation.district, user=user, role=role)
    bind(membership, organisation)
    return membership
