"""Expressions that work on SQLite and PostgreSQL alike."""

from knotenpunkt.core.expressions import joined_values, split_joined
from knotenpunkt.districts.models import Municipality, Region
from knotenpunkt.districts.tests.factories import MunicipalityFactory, RegionFactory


def test_joined_values_give_each_row_the_values_of_its_related_rows(district):
    north, south, empty = RegionFactory.create_batch(3, district=district)
    MunicipalityFactory(district=district, region=north, name="Oberbach")
    MunicipalityFactory(district=district, region=north, name="Unterbach, Ort")
    MunicipalityFactory(district=district, region=south, name="Seedorf")

    rows = Region.objects.filter(pk__in=[north.pk, south.pk, empty.pk]).annotate(
        names=joined_values(Municipality.objects, "name", outer="region_id")
    )
    names = {region.pk: sorted(split_joined(region.names)) for region in rows}

    assert names == {
        north.pk: ["Oberbach", "Unterbach, Ort"],
        south.pk: ["Seedorf"],
        empty.pk: [],
    }
