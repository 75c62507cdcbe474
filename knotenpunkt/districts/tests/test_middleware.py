"""DistrictMiddleware: the first path segment names the district."""

import pytest
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import translation

from knotenpunkt.core.roles import Role
from knotenpunkt.districts.middleware import DistrictMiddleware
from knotenpunkt.districts.models import RESERVED_SLUGS
from knotenpunkt.districts.tests.factories import DistrictFactory


def _district_for(rf, path):
    request = rf.get(path)
    DistrictMiddleware(lambda request: HttpResponse())(request)
    return request.district


@pytest.mark.parametrize(
    "path", ["/nordkreis/", "/nordkreis/workspace/", "/nordkreis/gemeinden/?page=2"]
)
def test_the_first_path_segment_selects_the_district(rf, district, other_district, path):
    assert _district_for(rf, path) == district


@pytest.mark.parametrize("path", ["/", "/unbekannt/", "/unbekannt/workspace/"])
def test_paths_without_a_known_district_have_none(rf, district, path):
    assert _district_for(rf, path) is None


@pytest.mark.parametrize("slug", sorted(RESERVED_SLUGS))
def test_reserved_segments_never_select_a_district(rf, db, slug):
    # Even a district that slipped past validation with a reserved address.
    DistrictFactory(slug=slug)

    assert _district_for(rf, f"/{slug}/login/") is None


def test_an_inactive_district_is_not_selected(rf, district):
    district.is_active = False
    district.save(update_fields=["is_active"])

    assert _district_for(rf, "/nordkreis/") is None


def test_a_district_cannot_take_a_reserved_address(db):
    with pytest.raises(ValidationError) as error:
        DistrictFactory.build(slug="accounts", official_key="08111").full_clean()

    assert "slug" in error.value.message_dict


def test_pages_of_an_inactive_district_answer_404_even_to_its_admin(client, district, users):
    district.is_active = False
    district.save(update_fields=["is_active"])
    client.force_login(users[Role.DISTRICT_ADMIN])

    assert client.get("/nordkreis/").status_code == 404
    assert client.get("/nordkreis/workspace/").status_code == 404


def test_an_unknown_district_answers_the_404_page_in_the_installation_layout(client, db):
    response = client.get("/gibt-es-nicht/")

    assert response.status_code == 404
    assert "errors/404.html" in [template.name for template in response.templates]
    html = response.content.decode()
    assert 'class="kp-header"' in html
    assert '<span class="kp-brand__name">Knotenpunkt</span>' in html
    with translation.override("de"):
        assert translation.gettext("Page not found") in html


def test_a_404_inside_a_district_shows_the_district_layout(client, district, other_district):
    response = client.get("/nordkreis/gibt-es-nicht/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<span class="kp-brand__name">Landkreis Nordkreis</span>' in html
    assert "/nordkreis/impressum/" in html
    assert "Südkreis" not in html
