"""District settings refuse what is no postal code, no phone number or no sensible month."""

import pytest
from django.urls import reverse

from knotenpunkt.districts.models import District
from knotenpunkt.districts.services import EDITABLE_SETTINGS


def _post(client, district, **changes):
    data = {field: getattr(district, field) for field in EDITABLE_SETTINGS if field != "logo"}
    data.update(changes)
    return client.post(reverse("districts:settings", kwargs={"district_slug": district.slug}), data)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("office_postal_code", "ABCDEFGHIJ"),
        ("office_postal_code", "1234"),
        ("office_phone", "call me maybe"),
    ],
)
def test_the_settings_refuse_what_is_no_postal_code_or_phone_number(
    district_admin_client, district, field, value
):
    response = _post(district_admin_client, district, **{field: value})

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert getattr(District.objects.get(pk=district.pk), field) != value


def test_the_settings_accept_a_german_postal_code_and_phone_number(district_admin_client, district):
    response = _post(
        district_admin_client,
        district,
        office_postal_code="74564",
        office_phone="+49 (0) 7951 555-0",
    )

    assert response.status_code == 302


@pytest.mark.parametrize("field", ["offer_review_months", "directory_review_months"])
def test_zero_and_negative_months_get_the_same_message(district_admin_client, district, field):
    zero = _post(district_admin_client, district, **{field: 0}).context["form"].errors[field]
    negative = _post(district_admin_client, district, **{field: -3}).context["form"].errors[field]

    assert zero == negative
    assert "1" in zero[0]


def test_a_phone_number_saved_before_the_check_is_not_offered_as_a_link(client, district):
    District.objects.filter(pk=district.pk).update(office_phone="call me maybe")

    html = client.get(reverse("portal:district_home", kwargs={"district_slug": district.slug}))

    assert b"call me maybe" in html.content
    assert b'href="tel:' not in html.content
