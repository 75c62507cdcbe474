"""The offer form as partners use it: sections, the error summary, rows added and removed in
the form (with and without JavaScript), coordinates without typing, and the row cap."""

import json
import threading
import time
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache
from django.utils.html import escape

from knotenpunkt.core.roles import Role
from knotenpunkt.offers.forms import MAX_PLACES
from knotenpunkt.offers.models import Offer

from .test_workspace_views import _edit_data, _log_in, _management, _offer_data, _url

# The assertions name the English msgids (root conftest.py).
pytestmark = pytest.mark.usefixtures("pages_in_english")


@pytest.fixture
def editor(users, provider):
    return users[Role.PARTNER_EDITOR]


@pytest.fixture
def centre(municipalities):
    """The first municipality, with the coordinates of its centre."""
    municipality = municipalities[0]
    municipality.latitude, municipality.longitude = Decimal("49.13500"), Decimal("10.07100")
    municipality.save(update_fields=["latitude", "longitude"])
    return municipality


def _provider():
    from knotenpunkt.directory.models import Organisation

    return Organisation.objects.get()


# Sections, action bar, error summary -------------------------------------------------------


def test_the_offer_form_has_sections_with_headings_and_save_at_top_and_bottom(
    client, district, editor
):
    html = _log_in(client, editor).get(_url("offer_create", district)).content.decode()
    assert html.count('<fieldset class="kern-fieldset kp-section-fieldset"') == 6
    assert html.count('<h2 class="kern-heading-small kp-section-fieldset__heading"') == 6
    assert "kp-action-bar--top" in html and "kp-action-bar--bottom" in html
    top = html.index("kp-action-bar--top")
    assert html.index('type="submit" class="kern-btn kern-btn--primary"', top) < html.index(
        'id="section-what"'
    )


def test_the_error_summary_links_to_each_field_in_error(
    client, district, editor, categories, centre
):
    _log_in(client, editor)
    data = _offer_data(
        _provider(),
        categories[0],
        centre,
        title="",
        **{"places-0-municipality": "", "times-0-starts_at": "25:99"},
    )
    response = client.post(_url("offer_create", district), data)
    html = response.content.decode()
    summary = html[html.index('id="form-errors"') : html.index("kp-action-bar--top")]
    assert 'href="#id_title"' in summary
    assert 'href="#id_places-0-municipality"' in summary
    assert 'href="#id_times-0-starts_at"' in summary
    # Each target exists in the page.
    for target in ("id_title", "id_places-0-municipality", "id_times-0-starts_at"):
        assert f'id="{target}"' in html
    assert not Offer.objects.exists()


def test_the_error_summary_links_a_missing_place_to_the_places(
    client, district, editor, categories, centre
):
    _log_in(client, editor)
    empty_place = {f"places-0-{field}": "" for field in ("name", "street", "postal_code", "city")}
    data = _offer_data(
        _provider(),
        categories[0],
        centre,
        **empty_place,
        **{"places-0-municipality": "", "places-0-latitude": "", "places-0-longitude": ""},
    )
    html = client.post(_url("offer_create", district), data).content.decode()
    summary = html[html.index('id="form-errors"') : html.index("kp-action-bar--top")]
    assert 'href="#places"' in summary
    # The link's target takes focus (tabindex="-1") and is marked as the group in error.
    assert (
        '<fieldset tabindex="-1" class="kern-fieldset kp-rows kern-fieldset--error" id="places"'
        in html
    )


# Rows added and removed in the form ------------------------------------------------------------


def test_add_a_place_without_javascript_shows_the_form_again_with_one_more_row_unsaved(
    client, district, editor, categories, centre
):
    _log_in(client, editor)
    data = _offer_data(_provider(), categories[0], centre, title="", add_row="places")
    response = client.post(_url("offer_create", district), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="places-TOTAL_FORMS" value="2"' in html
    assert 'id="places-1"' in html
    # The new row's first field is focused; what was typed stays; no errors yet.
    assert 'name="places-1-name"' in html and "autofocus" in html
    assert 'value="Bürgerhaus"' in html
    assert 'id="form-errors"' not in html
    assert not Offer.objects.exists()


def test_add_a_time_without_javascript_keeps_the_ticked_languages(
    client, district, editor, categories, centre
):
    _log_in(client, editor)
    data = _offer_data(_provider(), categories[0], centre, add_row="times")
    html = client.post(_url("offer_create", district), data).content.decode()
    assert 'name="times-TOTAL_FORMS" value="3"' in html
    assert 'id="times-2"' in html
    assert 'value="ar" class="kern-form-check__checkbox" id="id_languages_2" checked' in html


def test_a_full_formset_gets_no_more_rows_and_says_so(client, district, editor, categories, centre):
    _log_in(client, editor)
    data = _offer_data(
        _provider(), categories[0], centre, add_row="places", **_management("places", MAX_PLACES)
    )
    response = client.post(_url("offer_create", district), data, follow=True)
    html = response.content.decode()
    assert escape(f"at most {MAX_PLACES} are possible") in html
    assert f'name="places-TOTAL_FORMS" value="{MAX_PLACES}"' in html


def test_the_htmx_row_is_an_empty_row_with_the_raised_row_count(client, district, editor):
    _log_in(client, editor)
    response = client.get(
        _url("offer_form_row", district, prefix="places"),
        {"places-TOTAL_FORMS": "3"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="places-3"' in html
    assert 'name="places-3-municipality"' in html
    assert 'name="places-3-DELETE"' in html
    assert (
        '<input type="hidden" name="places-TOTAL_FORMS" value="4" id="id_places-TOTAL_FORMS"'
        ' data-hx-swap-oob="true">'
    ) in html
    assert "Place 4" in html or "Ort 4" in html
    assert "HX-Request" in response["Vary"]


def test_the_htmx_row_refuses_rows_beyond_the_cap_and_unknown_formsets(client, district, editor):
    _log_in(client, editor)
    full = client.get(
        _url("offer_form_row", district, prefix="times"), {"times-TOTAL_FORMS": "1000"}
    )
    assert 'name="times-1000-' not in full.content.decode()
    assert "TOTAL_FORMS" not in full.content.decode()
    assert client.get(_url("offer_form_row", district, prefix="nope")).status_code == 404


def test_every_row_can_be_removed_with_a_labelled_checkbox(client, district, editor, offer):
    html = _log_in(client, editor).get(_url("offer_edit", district, pk=offer.pk)).content.decode()
    assert 'name="places-0-DELETE"' in html
    assert "Remove this place" in html or "Diesen Ort entfernen" in html


def test_an_added_place_is_saved_with_the_others(client, district, editor, categories, centre):
    _log_in(client, editor)
    data = _offer_data(
        _provider(),
        categories[0],
        centre,
        **_management("places", 2),
        **{"places-1-name": "Rathaus", "places-1-municipality": centre.pk},
    )
    response = client.post(_url("offer_create", district), data)
    assert response.status_code == 302
    assert sorted(Offer.objects.get().places.values_list("name", flat=True)) == [
        "Bürgerhaus",
        "Rathaus",
    ]


# The cap --------------------------------------------------------------------------------------


def test_a_post_claiming_100000_places_is_refused_before_building_them_and_saves_nothing(
    client, district, editor, categories, centre
):
    _log_in(client, editor)
    data = _offer_data(_provider(), categories[0], centre, **_management("places", 100_000))
    started = time.monotonic()
    response = client.post(_url("offer_create", district), data)
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert elapsed < 2
    assert len(response.content) < 300_000
    forms = response.context["forms"]
    assert forms.places.forms == []
    html = response.content.decode()
    assert escape(f"At most {MAX_PLACES} rows can be given here. Nothing has been saved.") in html
    assert 'name="places-TOTAL_FORMS" value="0"' in html
    assert not Offer.objects.exists()


def test_an_edit_claiming_too_many_times_changes_nothing(client, district, editor, offer):
    _log_in(client, editor)
    before = offer.title
    data = _edit_data(offer, title="Geändert", **_management("times", 5000))
    response = client.post(_url("offer_edit", district, pk=offer.pk), data)
    assert response.status_code == 200
    assert response.context["forms"].times.forms == []
    offer.refresh_from_db()
    assert offer.title == before
    assert not Offer.objects.filter(revision_of=offer).exists()


# Coordinates -----------------------------------------------------------------------------------


def _place_without_pin(**changes):
    return {"places-0-latitude": "", "places-0-longitude": "", **changes}


def test_without_a_pin_and_without_geocoder_a_place_gets_its_municipality_centre(
    client, district, editor, categories, centre, settings
):
    settings.KNOTENPUNKT_GEOCODER_URL = ""
    _log_in(client, editor)
    data = _offer_data(_provider(), categories[0], centre, **_place_without_pin())
    assert client.post(_url("offer_create", district), data).status_code == 302
    place = Offer.objects.get().places.get()
    assert (place.latitude, place.longitude) == (Decimal("49.13500"), Decimal("10.07100"))


def test_a_pin_set_on_the_map_is_kept(client, district, editor, categories, centre):
    _log_in(client, editor)
    data = _offer_data(
        _provider(),
        categories[0],
        centre,
        **{"places-0-latitude": "49.20001", "places-0-longitude": "10.10002"},
    )
    assert client.post(_url("offer_create", district), data).status_code == 302
    place = Offer.objects.get().places.get()
    assert (place.latitude, place.longitude) == (Decimal("49.20001"), Decimal("10.10002"))


def test_the_coordinates_are_hidden_fields_nobody_types(client, district, editor):
    html = _log_in(client, editor).get(_url("offer_create", district)).content.decode()
    assert '<input type="hidden" name="places-0-latitude"' in html
    assert '<input type="hidden" name="places-0-longitude"' in html
    assert "data-kp-place-map" in html


class FakeNominatim:
    """A local Nominatim: answers /search with the coordinates set for a street."""

    def __init__(self):
        self.requests = []
        self.answers = {}
        self.status = 200
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                from urllib.parse import parse_qs, urlsplit

                query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
                fake.requests.append((urlsplit(self.path).path, query, self.headers))
                body = json.dumps(fake.answers.get(query.get("street"), [])).encode()
                self.send_response(fake.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def nominatim(settings):
    cache.clear()
    fake = FakeNominatim()
    settings.KNOTENPUNKT_GEOCODER_URL = fake.url
    yield fake
    fake.server.shutdown()
    cache.clear()


def test_without_a_pin_the_address_is_looked_up_through_the_configured_geocoder(
    client, district, editor, categories, centre, nominatim
):
    nominatim.answers["Hauptstraße 1"] = [{"lat": "49.1390123", "lon": "10.0698765"}]
    _log_in(client, editor)
    data = _offer_data(_provider(), categories[0], centre, **_place_without_pin())
    assert client.post(_url("offer_create", district), data).status_code == 302
    place = Offer.objects.get().places.get()
    assert (place.latitude, place.longitude) == (Decimal("49.13901"), Decimal("10.06988"))
    path, query, headers = nominatim.requests[0]
    assert path == "/search"
    assert query["street"] == "Hauptstraße 1"
    assert query["postalcode"] == "74564"
    assert query["format"] == "jsonv2"
    assert "Knotenpunkt" in headers["User-Agent"]


def test_an_address_the_geocoder_does_not_find_gets_the_municipality_centre(
    client, district, editor, categories, centre, nominatim
):
    nominatim.status = 500
    _log_in(client, editor)
    data = _offer_data(_provider(), categories[0], centre, **_place_without_pin())
    assert client.post(_url("offer_create", district), data).status_code == 302
    place = Offer.objects.get().places.get()
    assert (place.latitude, place.longitude) == (Decimal("49.13500"), Decimal("10.07100"))


def test_an_unreachable_geocoder_gives_the_municipality_centre(
    client, district, editor, categories, centre, settings
):
    settings.KNOTENPUNKT_GEOCODER_URL = "http://127.0.0.1:9"  # nothing listens there
    cache.clear()
    _log_in(client, editor)
    data = _offer_data(_provider(), categories[0], centre, **_place_without_pin())
    assert client.post(_url("offer_create", district), data).status_code == 302
    place = Offer.objects.get().places.get()
    assert place.latitude == Decimal("49.13500")


def test_a_changed_address_without_a_moved_pin_is_looked_up_again(
    client, district, editor, offer, centre, nominatim
):
    nominatim.answers["Neue Straße 5"] = [{"lat": "49.5", "lon": "10.5"}]
    _log_in(client, editor)
    data = _edit_data(offer, **{"places-0-street": "Neue Straße 5"})
    assert client.post(_url("offer_edit", district, pk=offer.pk), data).status_code == 302
    changed = Offer.objects.get(revision_of=offer).places.get()
    assert (changed.latitude, changed.longitude) == (Decimal("49.50000"), Decimal("10.50000"))


def test_the_place_lookup_answers_the_found_coordinates_or_the_centre(
    client, district, editor, centre, nominatim
):
    nominatim.answers["Am Markt 2"] = [{"lat": "49.2", "lon": "10.2"}]
    _log_in(client, editor)
    url = _url("place_lookup", district)
    found = client.get(url, {"street": "Am Markt 2", "municipality": centre.pk}).json()
    assert found == {"found": True, "latitude": "49.20000", "longitude": "10.20000"}
    missing = client.get(url, {"street": "Nirgendwo 1", "municipality": centre.pk}).json()
    assert missing == {"found": False, "latitude": "49.13500", "longitude": "10.07100"}
