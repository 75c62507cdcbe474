"""Roles that see clients' personal data must set up a second factor before they work."""

from urllib.parse import quote

import pytest
from django.contrib import messages
from django.urls import reverse

from knotenpunkt.accounts.tests.factories import PASSWORD
from knotenpunkt.core.roles import ROLES_SEEING_CLIENT_DATA, Role

ROLES_WITHOUT_MFA_DUTY = [role for role in Role if role not in ROLES_SEEING_CLIENT_DATA]


def _log_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def _workspace(district):
    return reverse("workspace:home", kwargs={"district_slug": district.slug})


@pytest.mark.parametrize("role", sorted(ROLES_SEEING_CLIENT_DATA))
def test_without_a_second_factor_workspace_pages_lead_to_its_set_up(client, district, users, role):
    client.force_login(users[role])

    for url_name in ("workspace:home", "districts:settings", "accounts:members"):
        response = client.get(reverse(url_name, kwargs={"district_slug": district.slug}))

        assert response.status_code == 302, url_name
        assert response["Location"] == reverse("mfa_activate_totp")


def test_after_login_a_manager_without_second_factor_is_led_to_its_set_up(client, district, users):
    """Straight after the password login no second password prompt comes in between."""
    _log_in(client, users[Role.INTEGRATION_MANAGER])

    response = client.get(reverse("accounts:after_login"), follow=True)

    activate = reverse("mfa_activate_totp")
    assert [url for url, _status in response.redirect_chain] == [_workspace(district), activate]
    assert response.status_code == 200
    assert "mfa/totp/activate_form.html" in [t.name for t in response.templates]
    warnings = [m for m in response.context["messages"] if m.level == messages.WARNING]
    assert len(warnings) == 1, "the person is told why they cannot work yet"


def test_setting_up_the_second_factor_later_asks_for_the_password_again(
    client, district, users, settings
):
    """The shortcut holds only for a fresh login; an old session must re-authenticate."""
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    _log_in(client, users[Role.INTEGRATION_MANAGER])

    response = client.get(reverse("mfa_activate_totp"))

    activate = reverse("mfa_activate_totp")
    assert response.status_code == 302
    assert response["Location"] == (
        f"{reverse('account_reauthenticate')}?next={quote(activate, safe='')}"
    )


def test_changing_an_existing_second_factor_still_asks_for_the_password(client, users, mfa_user):
    manager = mfa_user(users[Role.INTEGRATION_MANAGER])
    client.force_login(manager)

    response = client.get(reverse("mfa_generate_recovery_codes"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


@pytest.mark.parametrize("url_name", ["mfa_index", "account_email", "account_change_password"])
def test_a_manager_without_second_factor_can_still_reach_account_pages(
    client, users, district, url_name
):
    _log_in(client, users[Role.INTEGRATION_MANAGER])

    assert client.get(reverse(url_name)).status_code == 200


def test_a_manager_without_second_factor_can_log_out(client, district, users):
    _log_in(client, users[Role.INTEGRATION_MANAGER])

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get(_workspace(district))["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", sorted(ROLES_SEEING_CLIENT_DATA))
def test_with_a_second_factor_the_workspace_opens(client, district, users, mfa_user, role):
    client.force_login(mfa_user(users[role]))

    assert client.get(_workspace(district)).status_code == 200


@pytest.mark.parametrize("role", ROLES_WITHOUT_MFA_DUTY)
def test_other_roles_work_without_a_second_factor(client, district, users, role):
    client.force_login(users[role])

    assert client.get(_workspace(district)).status_code == 200


def test_with_a_second_factor_the_password_alone_does_not_log_in(client, users, mfa_user):
    manager = mfa_user(users[Role.INTEGRATION_MANAGER])

    response = _log_in(client, manager)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
