"""Logging in by e-mail, where people land afterwards, and the brute-force lock-out."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from knotenpunkt.accounts.tests.factories import PASSWORD, MembershipFactory, UserFactory
from knotenpunkt.core.roles import Role


def _log_in(client, email, password=PASSWORD, **extra):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **extra)


def _logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def _workspace(district):
    return reverse("workspace:home", kwargs={"district_slug": district.slug})


def test_a_member_logs_in_by_email_and_lands_in_the_workspace(client, district, users):
    volunteer = users[Role.VOLUNTEER]

    response = _log_in(client, volunteer.email, follow=True)

    assert _logged_in_user_id(client) == str(volunteer.pk)
    assert [url for url, _status in response.redirect_chain] == [
        reverse("accounts:after_login"),
        _workspace(district),
    ]
    assert response.status_code == 200


def test_the_email_address_is_not_case_sensitive(client, users):
    volunteer = users[Role.VOLUNTEER]

    _log_in(client, volunteer.email.upper())

    assert _logged_in_user_id(client) == str(volunteer.pk)


def test_a_wrong_password_does_not_log_in(client, users):
    response = _log_in(client, users[Role.VOLUNTEER].email, password="falsches-passwort")

    assert response.status_code == 200
    assert response.context["form"].errors
    assert _logged_in_user_id(client) is None


def test_a_person_working_in_two_districts_chooses_one(client, district, other_district, users):
    person = users[Role.DISTRICT_COORDINATOR]
    MembershipFactory(district=other_district, user=person, role=Role.VOLUNTEER)

    response = _log_in(client, person.email, follow=True)

    assert response.redirect_chain[-1][0] == reverse("accounts:after_login")
    assert "accounts/choose_district.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert f'href="{_workspace(district)}"' in html
    assert f'href="{_workspace(other_district)}"' in html


def test_a_person_without_district_is_told_to_ask_for_an_invitation(client, db):
    person = UserFactory()

    response = _log_in(client, person.email, follow=True)

    assert response.status_code == 200
    assert list(response.context["districts"]) == []


def test_an_inactive_district_is_not_offered_after_login(client, district, other_district, users):
    person = users[Role.DISTRICT_COORDINATOR]
    MembershipFactory(district=other_district, user=person, role=Role.VOLUNTEER)
    other_district.is_active = False
    other_district.save(update_fields=["is_active"])

    response = _log_in(client, person.email, follow=True)

    assert response.redirect_chain[-1][0] == _workspace(district)


def test_five_failed_logins_lock_the_account_even_for_the_right_password(client, users):
    volunteer = users[Role.VOLUNTEER]
    for _attempt in range(5):
        _log_in(client, volunteer.email, password="falsch")

    response = _log_in(client, volunteer.email)

    assert _logged_in_user_id(client) is None
    with translation.override("de"):
        message = str(DefaultAccountAdapter.error_messages["too_many_login_attempts"])
    assert escape(message) in response.content.decode()


def test_four_failed_logins_do_not_lock_the_account(client, users):
    volunteer = users[Role.VOLUNTEER]
    for _attempt in range(4):
        _log_in(client, volunteer.email, password="falsch")

    _log_in(client, volunteer.email)

    assert _logged_in_user_id(client) == str(volunteer.pk)


def test_the_lock_out_affects_only_the_attacked_account(client, users):
    for _attempt in range(5):
        _log_in(client, users[Role.VOLUNTEER].email, password="falsch")

    _log_in(client, users[Role.PARTNER_EDITOR].email)

    assert _logged_in_user_id(client) == str(users[Role.PARTNER_EDITOR].pk)


def test_the_admin_site_login_sends_people_to_the_protected_login(client, db):
    """Django's own admin login knows neither the lock-out nor the second factor."""
    response = client.get(reverse("admin:login"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_locked_out_operator_cannot_log_in_through_the_admin_site(client, db):
    operator = UserFactory(is_staff=True, is_superuser=True)
    for _attempt in range(5):
        _log_in(client, operator.email, password="falsch")

    client.post(reverse("admin:login"), {"username": operator.email, "password": PASSWORD})

    assert _logged_in_user_id(client) is None


def test_an_operator_cannot_skip_the_second_factor_through_the_admin_site(client, db, mfa_user):
    operator = mfa_user(UserFactory(is_staff=True, is_superuser=True))

    client.post(reverse("admin:login"), {"username": operator.email, "password": PASSWORD})

    assert _logged_in_user_id(client) is None


def test_an_operator_reaches_the_admin_site_after_logging_in(client, db):
    operator = UserFactory(is_staff=True, is_superuser=True)
    _log_in(client, operator.email)

    assert client.get(reverse("admin:index")).status_code == 200


def test_the_greeting_after_login_ends_a_name_with_a_full_stop_once(client, users):
    volunteer = users[Role.VOLUNTEER]
    volunteer.name = "Jana Müller B.Sc."
    volunteer.save(update_fields=["name"])
    client.cookies["django_language"] = "en"

    response = _log_in(client, volunteer.email, follow=True)

    html = response.content.decode()
    assert "Successfully signed in as Jana Müller B.Sc." in html
    assert "B.Sc.." not in html
