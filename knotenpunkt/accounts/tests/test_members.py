"""The members page: who works in the district, and who is invited."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.accounts.models import Invitation, Membership
from knotenpunkt.accounts.tests.factories import InvitationFactory, MembershipFactory
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.core.roles import Role
from knotenpunkt.directory.models import Affiliation


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


# Taking roles away and withdrawing invitations ----------------------------------------------


def _remove_url(district, membership):
    return reverse(
        "accounts:membership_remove", kwargs={"district_slug": district.slug, "pk": membership.pk}
    )


def _withdraw_url(district, invitation):
    return reverse(
        "accounts:invitation_withdraw",
        kwargs={"district_slug": district.slug, "pk": invitation.pk},
    )


def test_the_admin_takes_a_role_away_and_it_is_audited(client, district, users):

    volunteer = users[Role.VOLUNTEER]
    membership = Membership.objects.get(district=district, user=volunteer)
    client.force_login(users[Role.DISTRICT_ADMIN])

    response = client.post(_remove_url(district, membership))

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEntry.objects.filter(district=district, action="membership.revoked").exists()
    client.force_login(volunteer)
    workspace = reverse("workspace:home", kwargs={"district_slug": district.slug})
    assert client.get(workspace).status_code == 404


def test_the_last_administrator_cannot_be_removed(client, district, users):

    admin = users[Role.DISTRICT_ADMIN]
    membership = Membership.objects.get(district=district, user=admin)
    client.force_login(admin)

    response = client.post(_remove_url(district, membership), follow=True)

    assert Membership.objects.filter(pk=membership.pk).exists()
    assert response.context["messages"]
    assert list(response.context["messages"])[0].level_tag == "error"


def test_a_second_administrator_can_be_removed(client, district, users):

    second = MembershipFactory(district=district, role=Role.DISTRICT_ADMIN)
    client.force_login(users[Role.DISTRICT_ADMIN])

    client.post(_remove_url(district, second))

    assert not Membership.objects.filter(pk=second.pk).exists()


def test_a_membership_of_another_district_answers_404_and_stays(
    client, district, users, other_users, other_district
):

    foreign = Membership.objects.get(district=other_district, user=other_users[Role.VOLUNTEER])
    client.force_login(users[Role.DISTRICT_ADMIN])

    # The foreign id in the own district's URL, and the own admin in the foreign district.
    assert client.post(_remove_url(district, foreign)).status_code == 404
    assert client.post(_remove_url(other_district, foreign)).status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_members_without_the_permission_cannot_remove_roles(client, district, users, mfa_user):

    membership = Membership.objects.get(district=district, user=users[Role.VOLUNTEER])
    client.force_login(users[Role.DISTRICT_COORDINATOR])

    assert client.post(_remove_url(district, membership)).status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_admin_withdraws_an_open_invitation_and_its_link_stops_working(client, district, users):

    invitation = InvitationFactory(district=district, token="withdrawn-token")
    client.force_login(users[Role.DISTRICT_ADMIN])

    response = client.post(_withdraw_url(district, invitation))

    assert response.status_code == 302
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    client.logout()
    accept = reverse(
        "accounts:invitation_accept",
        kwargs={"district_slug": district.slug, "token": "withdrawn-token"},
    )
    assert client.get(accept).status_code == 404


def test_an_invitation_of_another_district_or_already_accepted_cannot_be_withdrawn(
    client, district, other_district, users
):

    foreign = InvitationFactory(district=other_district)
    accepted = InvitationFactory(district=district, accepted_at=timezone.now())
    client.force_login(users[Role.DISTRICT_ADMIN])

    assert client.post(_withdraw_url(district, foreign)).status_code == 404
    assert client.post(_withdraw_url(district, accepted)).status_code == 404
    assert Invitation.objects.filter(pk__in=[foreign.pk, accepted.pk]).count() == 2


# Asking before a role is taken away ---------------------------------------------------------


def test_taking_a_role_away_asks_first_and_changes_nothing_until_confirmed(client, district, users):
    client.force_login(users[Role.DISTRICT_ADMIN])
    membership = Membership.objects.get(user=users[Role.VOLUNTEER])
    url = reverse("accounts:membership_remove", args=[district.slug, membership.pk])

    response = client.get(url)

    assert response.status_code == 200
    assert users[Role.VOLUNTEER].name in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert client.post(url).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


# Changing a member's role --------------------------------------------------------------------


def _change_url(district, membership):
    return reverse("accounts:membership_change", args=[district.slug, membership.pk])


def test_the_admin_changes_a_role_and_it_is_audited(client, district, users, municipalities):
    client.force_login(users[Role.DISTRICT_ADMIN])
    membership = Membership.objects.get(user=users[Role.VOLUNTEER])

    response = client.post(
        _change_url(district, membership),
        {"role": Role.MUNICIPAL_COORDINATOR, "municipality": municipalities[1].pk},
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.municipality) == (
        Role.MUNICIPAL_COORDINATOR,
        municipalities[1],
    )
    entry = AuditEntry.objects.get(action="membership.changed")
    assert entry.changes["role"] == Role.MUNICIPAL_COORDINATOR


def test_changing_to_partner_editor_binds_the_organisation_and_away_unbinds_it(
    client, district, users, organisation
):
    client.force_login(users[Role.DISTRICT_ADMIN])
    membership = Membership.objects.get(user=users[Role.VOLUNTEER])
    url = _change_url(district, membership)

    response = client.post(url, {"role": Role.PARTNER_EDITOR})
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors

    client.post(url, {"role": Role.PARTNER_EDITOR, "organisation": organisation.pk})
    membership.refresh_from_db()
    assert membership.affiliation.organisation == organisation

    client.post(url, {"role": Role.DISTRICT_COORDINATOR})
    membership.refresh_from_db()
    assert membership.role == Role.DISTRICT_COORDINATOR
    assert not Affiliation.objects.filter(membership=membership).exists()


def test_the_last_administrator_keeps_the_role(client, district, users):
    client.force_login(users[Role.DISTRICT_ADMIN])
    membership = Membership.objects.get(user=users[Role.DISTRICT_ADMIN])

    response = client.post(_change_url(district, membership), {"role": Role.VOLUNTEER})

    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    membership.refresh_from_db()
    assert membership.role == Role.DISTRICT_ADMIN


def test_a_role_the_person_has_already_cannot_be_given_twice(client, district, users):
    volunteer = users[Role.VOLUNTEER]
    MembershipFactory(district=district, user=volunteer, role=Role.DISTRICT_COORDINATOR)
    membership = Membership.objects.get(user=volunteer, role=Role.VOLUNTEER)
    client.force_login(users[Role.DISTRICT_ADMIN])

    response = client.post(_change_url(district, membership), {"role": Role.DISTRICT_COORDINATOR})

    assert response.status_code == 200
    assert Membership.objects.filter(user=volunteer).count() == 2
    assert Membership.objects.get(pk=membership.pk).role == Role.VOLUNTEER


def test_a_membership_of_another_district_cannot_be_changed(client, district, users, other_users):
    client.force_login(users[Role.DISTRICT_ADMIN])
    foreign = Membership.objects.get(user=other_users[Role.VOLUNTEER])

    response = client.post(_change_url(district, foreign), {"role": Role.DISTRICT_ADMIN})

    assert response.status_code == 404
    assert Membership.objects.get(pk=foreign.pk).role == Role.VOLUNTEER


# Sending an invitation again ------------------------------------------------------------------


def test_the_admin_sends_an_invitation_again_with_a_new_link(
    client, district, users, mailoutbox, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(district=district, token="old-token", expired=True)
    client.force_login(users[Role.DISTRICT_ADMIN])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invitation_resend", args=[district.slug, invitation.pk])
        )

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now()
    assert len(mailoutbox) == 1
    old = client.get(reverse("accounts:invitation_accept", args=[district.slug, "old-token"]))
    assert old.status_code == 410
    assert old.context["reason"] == "replaced"
    assert AuditEntry.objects.filter(action="invitation.resent").exists()


def test_an_accepted_or_foreign_invitation_is_not_sent_again(
    client, district, users, other_district, mailoutbox
):
    accepted = InvitationFactory(district=district, accepted_at=timezone.now())
    foreign = InvitationFactory(district=other_district)
    client.force_login(users[Role.DISTRICT_ADMIN])

    for invitation in (accepted, foreign):
        url = reverse("accounts:invitation_resend", args=[district.slug, invitation.pk])
        assert client.post(url).status_code == 404
    assert mailoutbox == []


# Inviting twice -------------------------------------------------------------------------------


def _invite(client, district, **data):
    return client.post(reverse("accounts:invite", args=[district.slug]), data)


def test_an_address_with_an_open_invitation_for_the_role_is_not_invited_twice(
    client, district, users, mailoutbox
):
    InvitationFactory(district=district, email="neu@example.org", role=Role.VOLUNTEER)
    client.force_login(users[Role.DISTRICT_ADMIN])

    response = _invite(client, district, email="Neu@Example.org", role=Role.VOLUNTEER)

    assert response.status_code == 200
    assert "neu@example.org" in str(response.context["form"].non_field_errors())
    assert Invitation.objects.filter(email="neu@example.org").count() == 1
    assert mailoutbox == []


def test_a_member_who_has_the_role_already_is_not_invited_to_it(
    client, district, users, mailoutbox
):
    client.force_login(users[Role.DISTRICT_ADMIN])
    volunteer = users[Role.VOLUNTEER]

    response = _invite(client, district, email=volunteer.email, role=Role.VOLUNTEER)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Invitation.objects.exists()


def test_a_member_may_be_invited_to_another_role(
    client, district, users, django_capture_on_commit_callbacks
):
    client.force_login(users[Role.DISTRICT_ADMIN])

    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(
            client, district, email=users[Role.VOLUNTEER].email, role=Role.DISTRICT_COORDINATOR
        )

    assert response.status_code == 302
    assert Invitation.objects.count() == 1


def test_the_invite_form_preselects_no_role(client, district, users):
    client.force_login(users[Role.DISTRICT_ADMIN])

    response = client.get(reverse("accounts:invite", args=[district.slug]))

    page = response.content.decode()
    assert response.context["form"]["role"].value() in (None, "")
    assert 'value="district_admin" selected' not in page
    assert _invite(client, district, email="x@example.org").context["form"].errors["role"]


def test_the_role_form_shows_the_organisation_and_saving_it_unchanged_keeps_it(
    client, district, users, organisation
):
    from knotenpunkt.directory.tests.factories import affiliate

    membership = affiliate(users[Role.PARTNER_EDITOR], organisation)
    client.force_login(users[Role.DISTRICT_ADMIN])
    url = _change_url(district, membership)

    form = client.get(url).context["form"]
    response = client.post(
        url, {"role": Role.PARTNER_EDITOR, "organisation": form["organisation"].value()}
    )

    assert form["organisation"].value() in (organisation, organisation.pk)
    assert response.status_code == 302
    assert Affiliation.objects.get(membership=membership).organisation == organisation


def test_the_person_whose_role_is_taken_away_is_told_by_e_mail_without_a_workspace_link(
    client, district, users, mailoutbox, django_capture_on_commit_callbacks
):
    volunteer = users[Role.VOLUNTEER]
    membership = Membership.objects.get(user=volunteer)
    client.force_login(users[Role.DISTRICT_ADMIN])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:membership_remove", args=[district.slug, membership.pk]))

    (message,) = mailoutbox
    assert message.to == [volunteer.email]
    assert "/workspace/" not in message.body
