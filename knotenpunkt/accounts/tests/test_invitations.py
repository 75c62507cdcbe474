"""Invitations: the only way into a district, by a single-use, expiring link."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from knotenpunkt.accounts.models import Invitation, Membership, User, hash_invitation_token
from knotenpunkt.accounts.services import invitation_accept, invitation_create
from knotenpunkt.accounts.tests.factories import InvitationFactory, UserFactory
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.core.roles import Role
from knotenpunkt.directory.models import Affiliation

TOKEN = "a-known-invitation-token"
NEW_PASSWORD = "lange-genug-und-selten"


def _invite_url(district):
    return reverse("accounts:invite", kwargs={"district_slug": district.slug})


def _accept_url(district, token=TOKEN):
    return reverse(
        "accounts:invitation_accept", kwargs={"district_slug": district.slug, "token": token}
    )


def _renewal_url(district, token=TOKEN):
    return reverse(
        "accounts:invitation_renewal", kwargs={"district_slug": district.slug, "token": token}
    )


def _signup(name="Neue Person", password1=NEW_PASSWORD, password2=NEW_PASSWORD):
    return {"name": name, "password1": password1, "password2": password2}


@pytest.fixture
def invitation(district, users):
    return InvitationFactory(
        district=district,
        token=TOKEN,
        email="neu@example.org",
        role=Role.VOLUNTEER,
        invited_by=users[Role.DISTRICT_ADMIN],
    )


# Inviting ------------------------------------------------------------------------------------


def test_admin_invites_and_the_link_is_mailed_after_commit(
    district_admin_client, district, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = district_admin_client.post(
            _invite_url(district), {"email": " Neu@Example.org ", "role": Role.VOLUNTEER}
        )
        assert mail.outbox == [], "the e-mail must wait until the invitation is committed"

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "accounts:members", kwargs={"district_slug": district.slug}
    )
    assert len(callbacks) == 1
    invitation = Invitation.objects.get()
    assert invitation.district == district
    assert invitation.email == "neu@example.org"
    assert invitation.role == Role.VOLUNTEER
    assert invitation.invited_by == users[Role.DISTRICT_ADMIN]
    assert AuditEntry.objects.filter(action="invitation.created", district=district).exists()

    [message] = mail.outbox
    assert message.to == ["neu@example.org"]
    assert "Landkreis Nordkreis" in message.subject
    link = re.search(r"http://testserver/nordkreis/einladung/([\w-]+)/", message.body)
    assert link, message.body
    # Only the hash is stored: the link in the e-mail is the only copy of the token.
    assert invitation.token_hash == hash_invitation_token(link.group(1))
    assert link.group(1) not in invitation.token_hash

    assert Client().get(link.group(0)).status_code == 200


def test_inviting_a_municipal_coordinator_keeps_the_municipality(
    district_admin_client, district, municipalities, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = district_admin_client.post(
            _invite_url(district),
            {
                "email": "gemeinde@example.org",
                "role": Role.MUNICIPAL_COORDINATOR,
                "municipality": municipalities[1].pk,
            },
        )

    assert response.status_code == 302
    assert Invitation.objects.get().municipality == municipalities[1]
    assert len(mail.outbox) == 1


def test_a_municipal_coordinator_needs_a_municipality(
    district_admin_client, district, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = district_admin_client.post(
            _invite_url(district),
            {"email": "gemeinde@example.org", "role": Role.MUNICIPAL_COORDINATOR},
        )

    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_municipality_of_another_district_answers_404_and_saves_nothing(
    district_admin_client, district, other_municipalities, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = district_admin_client.post(
            _invite_url(district),
            {
                "email": "gemeinde@example.org",
                "role": Role.MUNICIPAL_COORDINATOR,
                "municipality": other_municipalities[0].pk,
            },
        )

    assert response.status_code == 404
    assert not Invitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("email", ["keine-adresse", "a@b@example.org", ""])
def test_a_malformed_email_is_a_field_error_and_saves_nothing(
    district_admin_client, district, email, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = district_admin_client.post(
            _invite_url(district), {"email": email, "role": "volunteer"}
        )

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_unknown_role_is_a_field_error(district_admin_client, district):
    response = district_admin_client.post(
        _invite_url(district), {"email": "neu@example.org", "role": "superuser"}
    )

    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("role", [role for role in Role if role != Role.DISTRICT_ADMIN])
def test_a_member_who_is_not_admin_cannot_invite(client, district, users, mfa_user, role):
    client.force_login(mfa_user(users[role]))

    response = client.post(_invite_url(district), {"email": "neu@example.org", "role": "volunteer"})

    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_the_admin_of_another_district_gets_404(client, district, other_users):
    client.force_login(other_users[Role.DISTRICT_ADMIN])

    response = client.post(_invite_url(district), {"email": "neu@example.org", "role": "volunteer"})

    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_the_service_checks_the_permission_too(district, users):
    with pytest.raises(PermissionDenied):
        invitation_create(
            actor=users[Role.DISTRICT_COORDINATOR],
            district=district,
            email="neu@example.org",
            role=Role.VOLUNTEER,
            base_url="http://testserver",
        )
    assert not Invitation.objects.exists()


def test_the_service_refuses_a_municipality_of_another_district(
    district, users, other_municipalities
):
    with pytest.raises(ValidationError):
        invitation_create(
            actor=users[Role.DISTRICT_ADMIN],
            district=district,
            email="neu@example.org",
            role=Role.MUNICIPAL_COORDINATOR,
            municipality=other_municipalities[0],
            base_url="http://testserver",
        )
    assert not Invitation.objects.exists()


def test_a_role_without_municipality_drops_a_given_municipality(district, users, municipalities):
    invitation, _token = invitation_create(
        actor=users[Role.DISTRICT_ADMIN],
        district=district,
        email="neu@example.org",
        role=Role.VOLUNTEER,
        municipality=municipalities[0],
        base_url="http://testserver",
    )

    assert invitation.municipality is None


# Accepting -----------------------------------------------------------------------------------


def test_a_new_person_accepts_and_gets_a_verified_account_a_membership_and_a_session(
    client, district, municipalities, users
):
    InvitationFactory(
        district=district,
        token=TOKEN,
        email="gemeinde@example.org",
        role=Role.MUNICIPAL_COORDINATOR,
        municipality=municipalities[2],
        invited_by=users[Role.DISTRICT_ADMIN],
    )

    response = client.post(_accept_url(district), _signup(name="Gerda Gemeinde"))

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "workspace:home", kwargs={"district_slug": district.slug}
    )
    user = User.objects.get(email="gemeinde@example.org")
    assert user.name == "Gerda Gemeinde"
    assert user.check_password(NEW_PASSWORD)
    assert EmailAddress.objects.filter(user=user, email=user.email, verified=True, primary=True)
    membership = Membership.objects.get(user=user)
    assert (membership.district, membership.role, membership.municipality) == (
        district,
        Role.MUNICIPAL_COORDINATOR,
        municipalities[2],
    )
    assert client.session["_auth_user_id"] == str(user.pk)
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None
    assert client.get(response["Location"]).status_code == 200


def test_the_link_works_only_once(client, district, invitation, german):
    client.post(_accept_url(district), _signup())
    client.logout()

    again = client.get(_accept_url(district))
    second_post = client.post(_accept_url(district), _signup(name="Zweite Person"))

    assert again.status_code == 410
    assert german("This invitation link has already been used.") in again.content.decode()
    assert second_post.status_code == 410
    assert User.objects.filter(email="neu@example.org").count() == 1


def test_an_expired_link_offers_to_ask_for_a_new_one_and_tells_the_inviter_once(
    client, district, users, django_capture_on_commit_callbacks, german
):
    InvitationFactory(
        district=district,
        token=TOKEN,
        email="spaet@example.org",
        expired=True,
        invited_by=users[Role.DISTRICT_ADMIN],
    )

    page = client.get(_accept_url(district))

    assert page.status_code == 410
    html = page.content.decode()
    assert german("This invitation link has expired.") in html
    assert _renewal_url(district) in html

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(_renewal_url(district))
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(_renewal_url(district))

    assert first.status_code == second.status_code == 200
    [message] = mail.outbox
    assert message.to == [users[Role.DISTRICT_ADMIN].email]
    assert "spaet@example.org" in message.body
    assert Invitation.objects.get().renewal_requested_at is not None
    assert not User.objects.filter(email="spaet@example.org").exists()
    assert german("A new link has already been requested. You will receive it by e-mail.") in (
        client.get(_accept_url(district)).content.decode()
    )


def test_an_expired_link_cannot_be_used_to_create_an_account(client, district):
    InvitationFactory(district=district, token=TOKEN, email="spaet@example.org", expired=True)

    response = client.post(_accept_url(district), _signup())

    assert response.status_code == 410
    assert not User.objects.filter(email="spaet@example.org").exists()


def test_an_unknown_token_shows_the_404_page(client, district, invitation, german):
    response = client.get(_accept_url(district, token="kein-solcher-token"))

    assert response.status_code == 404
    assert german("This invitation link is not known.") in response.content.decode()


def test_a_link_of_another_district_is_unknown_here(client, district, other_district):
    InvitationFactory(district=other_district, token=TOKEN)

    assert client.get(_accept_url(district)).status_code == 404
    assert client.get(_accept_url(other_district)).status_code == 200


def test_different_passwords_are_a_field_error_and_create_no_account(client, district, invitation):
    response = client.post(_accept_url(district), _signup(password2="etwas-ganz-anderes"))

    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert not User.objects.filter(email="neu@example.org").exists()
    assert Invitation.objects.get().accepted_at is None


@pytest.mark.parametrize("password", ["kurz", "1234567890123", "password123"])
def test_a_weak_password_is_a_field_error_and_creates_no_account(
    client, district, invitation, password
):
    response = client.post(_accept_url(district), _signup(password1=password, password2=password))

    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    assert not User.objects.filter(email="neu@example.org").exists()


def test_an_invited_address_that_has_an_account_must_log_in_first(client, district, invitation):
    UserFactory(email="neu@example.org")

    response = client.post(_accept_url(district), _signup())

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert User.objects.filter(email="neu@example.org").count() == 1
    assert Invitation.objects.get().accepted_at is None


def test_a_logged_in_person_accepts_and_gets_the_role(client, district, other_users):
    """Someone already working in another district joins this one with the same login."""
    person = other_users[Role.DISTRICT_COORDINATOR]
    InvitationFactory(district=district, token=TOKEN, email=person.email, role=Role.VOLUNTEER)
    client.force_login(person)

    page = client.get(_accept_url(district))
    response = client.post(_accept_url(district))

    assert page.status_code == 200
    assert response.status_code == 302
    assert Membership.objects.in_district(district).get(user=person).role == Role.VOLUNTEER
    assert Invitation.objects.get().accepted_by == person
    assert client.get(response["Location"]).status_code == 200


def test_a_person_logged_in_with_another_address_cannot_collect_the_role(
    client, district, invitation, other_users
):
    """A forwarded link does not give the invited role to whoever is logged in."""
    stranger = other_users[Role.DISTRICT_COORDINATOR]
    client.force_login(stranger)

    page = client.get(_accept_url(district))
    response = client.post(_accept_url(district), HTTP_ACCEPT_LANGUAGE="en")

    assert page.status_code == 403
    assert response.status_code == 403
    assert "different e-mail address" in response.content.decode()
    assert not Membership.objects.in_district(district).filter(user=stranger).exists()
    assert Invitation.objects.get().accepted_at is None


def test_a_verified_second_address_of_the_account_may_accept(client, district, invitation):
    person = UserFactory(email="hauptadresse@example.org")
    EmailAddress.objects.create(user=person, email="neu@example.org", verified=True)
    client.force_login(person)

    response = client.post(_accept_url(district))

    assert response.status_code == 302
    assert Membership.objects.in_district(district).filter(user=person).exists()


def test_accepting_a_link_used_meanwhile_shows_the_used_page_not_an_error(
    client, district, invitation, monkeypatch
):
    """Two tabs: the first accepts, the second submits afterwards."""
    from knotenpunkt.accounts import services, views

    person = UserFactory(email="neu@example.org")
    client.force_login(person)

    def accept_after_someone_else(**kwargs):
        raise services.InvitationInvalid("used", invitation)

    monkeypatch.setattr(views, "invitation_accept", accept_after_someone_else)
    response = client.post(_accept_url(district), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 410
    assert "already been used" in response.content.decode()


# Partner editors are bound to an organisation -------------------------------------------------


def test_inviting_a_partner_editor_keeps_the_organisation_and_accepting_binds_it(
    district_admin_client, district, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = district_admin_client.post(
            _invite_url(district),
            {
                "email": "partner@example.org",
                "role": Role.PARTNER_EDITOR,
                "organisation": organisation.pk,
            },
        )
    assert response.status_code == 302
    assert Invitation.objects.get().affiliation.organisation == organisation
    token = re.search(r"/einladung/([^/]+)/", mail.outbox[0].body).group(1)

    client = Client()
    response = client.post(_accept_url(district, token), _signup(name="Petra Partner"))

    assert response.status_code == 302
    membership = Membership.objects.get(user__email="partner@example.org")
    assert (membership.role, membership.affiliation.organisation) == (
        Role.PARTNER_EDITOR,
        organisation,
    )
    edit_url = reverse(
        "directory:workspace_organisation",
        kwargs={"district_slug": district.slug, "pk": organisation.pk},
    )
    assert client.get(edit_url).status_code == 200


def test_a_partner_editor_needs_an_organisation(
    district_admin_client, district, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = district_admin_client.post(
            _invite_url(district), {"email": "partner@example.org", "role": Role.PARTNER_EDITOR}
        )
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_organisation_of_another_district_answers_404_and_saves_nothing(
    district_admin_client, district, other_organisation
):
    response = district_admin_client.post(
        _invite_url(district),
        {
            "email": "partner@example.org",
            "role": Role.PARTNER_EDITOR,
            "organisation": other_organisation.pk,
        },
    )
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_the_service_refuses_an_organisation_of_another_district(
    district, users, other_organisation
):
    with pytest.raises(ValidationError):
        invitation_create(
            actor=users[Role.DISTRICT_ADMIN],
            district=district,
            email="partner@example.org",
            role=Role.PARTNER_EDITOR,
            scopes={"organisation": other_organisation},
            base_url="http://testserver",
        )
    assert not Invitation.objects.exists()


def test_a_role_without_organisation_drops_a_given_organisation(district, users, organisation):
    invitation, _token = invitation_create(
        actor=users[Role.DISTRICT_ADMIN],
        district=district,
        email="koordination@example.org",
        role=Role.DISTRICT_COORDINATOR,
        scopes={"organisation": organisation},
        base_url="http://testserver",
    )
    assert not Affiliation.objects.filter(invitation=invitation).exists()


def test_a_volunteer_may_be_invited_for_an_initiative_and_keeps_it(district, users, organisation):
    invitation, token = invitation_create(
        actor=users[Role.DISTRICT_ADMIN],
        district=district,
        email="helfer@example.org",
        role=Role.VOLUNTEER,
        scopes={"organisation": organisation},
        base_url="http://testserver",
    )
    user = invitation_accept(district=district, token=token, name="Helga", password="x-9!Lkj3Qw")

    membership = Membership.objects.get(user=user)
    assert membership.affiliation.organisation == organisation
    assert not Affiliation.objects.filter(invitation=invitation).exists()


def test_an_invitation_in_arabic_is_written_in_arabic_and_the_account_starts_in_it(
    district, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = invitation_create(
            actor=users[Role.DISTRICT_ADMIN],
            district=district,
            email="sara@example.org",
            role=Role.VOLUNTEER,
            language="ar",
            base_url="http://testserver",
        )
    (message,) = mail.outbox
    assert 'lang="ar"' in message.alternatives[0][0]
    assert invitation.language == "ar"

    user = invitation_accept(district=district, token=token, name="Sara", password="x-9!Lkj3Qw")

    assert user.language == "ar"
