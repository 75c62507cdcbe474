"""load_demo: a fictional demo district shaped like a real one, loadable again and again."""

from collections import Counter
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.urls import reverse

from knotenpunkt.accounts.demo import DEMO_PASSWORD
from knotenpunkt.accounts.models import Membership, User
from knotenpunkt.core.roles import ROLES_BOUND_TO_MUNICIPALITY, Role
from knotenpunkt.districts.models import District, Municipality, Region


def _load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (District, Region, Municipality, User, EmailAddress, Membership)
    }


@pytest.fixture
def demo(db):
    return _load_demo()


def test_the_demo_has_two_districts(demo):
    assert set(District.objects.values_list("slug", flat=True)) == {"mittelwald", "seetal"}


def test_the_main_district_has_3_regions_and_53_municipalities_split_40_10_3(demo):
    main = District.objects.get(slug="mittelwald")
    municipalities = Municipality.objects.in_district(main)

    assert Region.objects.in_district(main).count() == 3
    assert municipalities.count() == 53
    assert not municipalities.filter(region__isnull=True).exists()
    carriers = Counter(municipalities.values_list("integration_management", flat=True))
    assert carriers == {"district": 40, "municipality": 10, "provider": 3}


def test_every_demo_municipality_is_valid(demo):
    for municipality in Municipality.objects.all():
        municipality.full_clean()


def test_the_main_district_has_one_login_per_role(demo):
    main = District.objects.get(slug="mittelwald")
    memberships = Membership.objects.in_district(main).select_related("user")

    assert sorted(m.role for m in memberships) == sorted(Role.values)
    assert len({m.user_id for m in memberships}) == len(Role)
    for membership in memberships:
        assert (membership.municipality is not None) == (
            membership.role in ROLES_BOUND_TO_MUNICIPALITY
        )


def test_the_demo_logins_are_printed_and_work(demo, client):
    assert DEMO_PASSWORD in demo
    for user in User.objects.all():
        assert user.email in demo

    admin = Membership.objects.get(district__slug="mittelwald", role=Role.DISTRICT_ADMIN).user
    response = client.post(
        reverse("account_login"), {"login": admin.email, "password": DEMO_PASSWORD}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(admin.pk)


def test_all_demo_addresses_are_fictional(demo):
    addresses = [
        *User.objects.values_list("email", flat=True),
        *EmailAddress.objects.values_list("email", flat=True),
        *District.objects.values_list("office_email", flat=True),
    ]

    assert addresses
    assert all(address.endswith(".example") for address in addresses), addresses
    assert all(EmailAddress.objects.values_list("verified", flat=True))


def test_loading_the_demo_twice_changes_nothing(demo):
    before = _counts()

    _load_demo()

    assert _counts() == before
    assert before["Municipality"] == 53 + 4


def test_the_demo_legal_texts_name_the_district_once(demo):
    for district in District.objects.all():
        texts = (district.imprint_text, district.privacy_text, district.accessibility_text)
        for text in texts:
            assert "Landkreis Landkreis" not in text
        assert district.privacy_text.startswith(f"Der {district.name} ")
        district.full_clean()  # the demo's postal codes and phone numbers pass the checks
