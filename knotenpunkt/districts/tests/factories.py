import factory

from knotenpunkt.districts.models import (
    District,
    IntegrationManagementCarrier,
    Municipality,
    Region,
)


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Landkreis Test {n}")
    slug = factory.Sequence(lambda n: f"test-{n}")
    official_key = factory.Sequence(lambda n: f"{90000 + n:05d}")
    office_name = factory.LazyAttribute(lambda o: f"Migrationsamt {o.name}")
    office_email = factory.LazyAttribute(lambda o: f"migrationsamt@{o.slug}.example")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Region {n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    district = factory.SubFactory(DistrictFactory)
    region = factory.SubFactory(RegionFactory, district=factory.SelfAttribute("..district"))
    name = factory.Sequence(lambda n: f"Gemeinde {n}")
    official_key = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    integration_management = IntegrationManagementCarrier.DISTRICT
