"""District settings: contact data and legal texts, changed by the district admin only."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from PIL import Image

from knotenpunkt.core.lifecycle.changes import STALE_EDIT_MESSAGE
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.core.roles import Role
from knotenpunkt.districts.models import District
from knotenpunkt.districts.services import EDITABLE_SETTINGS, district_update_settings

IMPRINT = "Landratsamt Nordkreis\nAmt für Migration\nMarktplatz 1, 79000 Nordstadt"


def _settings_url(district):
    return reverse("districts:settings", kwargs={"district_slug": district.slug})


def _form_data(district, **changes):
    """Return the settings form as the admin's browser would send it."""
    data = {field: getattr(district, field) for field in EDITABLE_SETTINGS if field != "logo"}
    data.update(changes)
    return data


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _unchanged(district):
    before = District.objects.get(pk=district.pk)
    return {field: getattr(before, field) for field in EDITABLE_SETTINGS}


def test_the_admin_changes_a_text_and_the_change_is_saved_and_audited(
    district_admin_client, district, users
):
    response = district_admin_client.post(
        _settings_url(district), _form_data(district, imprint_text=IMPRINT)
    )

    assert response.status_code == 302
    assert response["Location"] == _settings_url(district)
    district.refresh_from_db()
    assert district.imprint_text == IMPRINT
    entry = AuditEntry.objects.in_district(district).get(action="district.settings_updated")
    assert entry.actor == users[Role.DISTRICT_ADMIN]
    assert (entry.target_type, entry.target_id) == ("districts.district", str(district.pk))
    assert set(entry.changes) == {"imprint_text"}


def test_the_admin_uploads_and_removes_a_logo(district_admin_client, district):
    upload = SimpleUploadedFile("wappen.png", _png(), content_type="image/png")

    district_admin_client.post(_settings_url(district), {**_form_data(district), "logo": upload})

    district.refresh_from_db()
    assert district.logo.name.startswith("district-logos/wappen")
    entry = AuditEntry.objects.get(action="district.settings_updated")
    assert entry.changes == {"logo": "(file)"}

    district_admin_client.post(
        _settings_url(district), {**_form_data(district), "logo-clear": "on"}
    )

    district.refresh_from_db()
    assert not district.logo
    assert AuditEntry.objects.filter(action="district.settings_updated").count() == 2


def test_saving_without_changes_writes_no_audit_entry(district_admin_client, district):
    response = district_admin_client.post(_settings_url(district), _form_data(district))

    assert response.status_code == 302
    assert not AuditEntry.objects.filter(action="district.settings_updated").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("office_email", "keine-adresse"),
        ("office_website", "nicht eine adresse"),
        ("name", ""),
    ],
)
def test_invalid_input_is_a_field_error_and_changes_nothing(
    district_admin_client, district, field, value
):
    before = _unchanged(district)

    response = district_admin_client.post(
        _settings_url(district),
        _form_data(district, imprint_text="Neuer Text", **{field: value}),
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert _unchanged(district) == before
    assert not AuditEntry.objects.exists()


def test_a_website_without_scheme_is_saved_with_https(district_admin_client, district):
    district_admin_client.post(
        _settings_url(district), _form_data(district, office_website="www.nordkreis.example")
    )

    district.refresh_from_db()
    assert district.office_website == "https://www.nordkreis.example"


def test_a_member_who_is_not_admin_cannot_change_settings(client, district, users):
    before = _unchanged(district)
    client.force_login(users[Role.DISTRICT_COORDINATOR])

    response = client.post(_settings_url(district), _form_data(district, name="Gekapert"))

    assert response.status_code == 403
    assert _unchanged(district) == before


def test_the_admin_of_another_district_gets_404_and_changes_nothing(client, district, other_users):
    before = _unchanged(district)
    client.force_login(other_users[Role.DISTRICT_ADMIN])

    response = client.post(_settings_url(district), _form_data(district, name="Gekapert"))

    assert response.status_code == 404
    assert _unchanged(district) == before


def test_the_service_checks_the_permission_too(district, users, other_users):
    for actor in (users[Role.DISTRICT_COORDINATOR], other_users[Role.DISTRICT_ADMIN]):
        with pytest.raises(PermissionDenied):
            district_update_settings(actor=actor, district=district, name="Gekapert")

    assert District.objects.get(pk=district.pk).name == "Landkreis Nordkreis"


def test_the_service_refuses_fields_that_are_not_settings(district, users):
    with pytest.raises(ValueError, match="slug"):
        district_update_settings(
            actor=users[Role.DISTRICT_ADMIN], district=district, slug="anderswo"
        )

    assert District.objects.get(pk=district.pk).slug == "nordkreis"


def test_settings_a_colleague_changed_meanwhile_are_not_overwritten(
    district_admin_client, district
):
    page = district_admin_client.get(_settings_url(district))
    fingerprint = page.context["form"]["fingerprint"].value()
    assert f'name="fingerprint" value="{fingerprint}"' in page.content.decode()
    District.objects.filter(pk=district.pk).update(office_phone="07951 555-0")

    response = district_admin_client.post(
        _settings_url(district),
        _form_data(district, imprint_text=IMPRINT, fingerprint=fingerprint),
    )

    assert response.status_code == 409
    with translation.override("de"):
        assert escape(str(STALE_EDIT_MESSAGE)) in response.content.decode()
    assert response.context["form"]["office_phone"].value() == "07951 555-0"
    district.refresh_from_db()
    assert (district.imprint_text, district.office_phone) == ("", "07951 555-0")
    assert not AuditEntry.objects.filter(action="district.settings_updated").exists()


def test_settings_nobody_changed_meanwhile_are_saved_with_their_fingerprint(
    district_admin_client, district
):
    page = district_admin_client.get(_settings_url(district))
    fingerprint = page.context["form"]["fingerprint"].value()

    response = district_admin_client.post(
        _settings_url(district),
        _form_data(district, imprint_text=IMPRINT, fingerprint=fingerprint),
    )

    assert response.status_code == 302
    district.refresh_from_db()
    assert district.imprint_text == IMPRINT
