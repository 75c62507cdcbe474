"""The members page: who works in the district, and who is invited."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.accounts.roles import Role
from knotenpunkt.accounts.tests.factories import InvitationFactory
from knotenpunkt.districts.tests.factories import MembershipFactory


def _members_url(district):
    return reverse("accounts:members", kwargs={"district_slug": district.slug})


def test_the_admin_sees_members_and_open_invitations_of_the_own_district_only(
    client, district, users, other_users, municipalities
):
    InvitationFactory(district=district, email="offen@example.org")
    InvitationFactory(district=district, email="abgelaufen@example.org", expired=True)
    InvitationFactory(district=district, email="angenommen@example.org", accepted_at=timezone.now())
    client.force_login(users[Role.DISTRICT_ADMIN])

    html = client.get(_members_url(district)).content.decode()

    for user in users.values():
        assert user.email in html
    for user in other_users.values():
        assert user.email not in html
    assert "offen@example.org" in html
    assert "abgelaufen@example.org" not in html
    assert "angenommen@example.org" not in html
    assert municipalities[0].name in html


def _members_page_queries(client, district, admin, rows):
    MembershipFactory.create_batch(rows, district=district, role=Role.VOLUNTEER)
    InvitationFactory.create_batch(rows, district=district, invited_by=admin)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_members_url(district))
    assert response.status_code == 200
    assert len(response.context["memberships"]) >= rows
    return len(queries)


def test_the_members_page_needs_as_many_queries_for_100_rows_as_for_10(
    client, district, users, other_district, other_users
):
    client.force_login(users[Role.DISTRICT_ADMIN])
    few = _members_page_queries(client, district, users[Role.DISTRICT_ADMIN], 10)
    client.force_login(other_users[Role.DISTRICT_ADMIN])
    many = _members_page_queries(client, other_district, other_users[Role.DISTRICT_ADMIN], 100)

    assert few == many
