"""get_in_district_or_404: "missing", "foreign" and "denied" look the same from outside."""

import pytest
from django.http import Http404

from knotenpunkt.core.access import get_in_district_or_404
from knotenpunkt.districts.models import Municipality


def test_returns_the_object_of_the_own_district(district, municipalities):
    found = get_in_district_or_404(Municipality.objects, district=district, pk=municipalities[0].pk)

    assert found == municipalities[0]


def test_a_missing_object_answers_404(district, municipalities):
    with pytest.raises(Http404):
        get_in_district_or_404(Municipality.objects, district=district, pk=10**9)


def test_an_object_of_another_district_answers_the_same_404(
    district, municipalities, other_municipalities
):
    with pytest.raises(Http404) as foreign:
        get_in_district_or_404(
            Municipality.objects, district=district, pk=other_municipalities[0].pk
        )
    with pytest.raises(Http404) as missing:
        get_in_district_or_404(Municipality.objects, district=district, pk=10**9)

    assert str(foreign.value) == str(missing.value)


def test_an_object_the_actor_may_not_access_answers_404(district, municipalities):
    with pytest.raises(Http404):
        get_in_district_or_404(
            Municipality.objects,
            district=district,
            may_access=lambda municipality: False,
            pk=municipalities[0].pk,
        )


@pytest.mark.parametrize("pk", ["not-a-number", None])
def test_a_malformed_id_answers_404_instead_of_an_error(district, pk):
    with pytest.raises(Http404):
        get_in_district_or_404(Municipality.objects, district=district, pk=pk)
