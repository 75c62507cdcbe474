"""The per-address login limit counts clients, not the reverse proxy in front of them."""

import pytest
from allauth.account.adapter import DefaultAccountAdapter
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from knotenpunkt.accounts.tests.factories import PASSWORD
from knotenpunkt.core.roles import Role

PROXY = "10.0.0.2"
# Below allauth's 30 login attempts a minute per address, above our 20 failures.
ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip,5/15m/key"}


def _log_in(client, email, *, forwarded_for, password=PASSWORD):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def _fail_three_times(client, forwarded_for):
    for attempt in range(3):
        _log_in(client, f"nobody-{attempt}@example.org", forwarded_for=forwarded_for, password="x")


def _is_locked(response):
    with translation.override("de"):
        message = str(DefaultAccountAdapter.error_messages["too_many_login_attempts"])
    return escape(message) in response.content.decode()


@pytest.fixture
def volunteer(users):
    return users[Role.VOLUNTEER]


@override_settings(ACCOUNT_RATE_LIMITS=ACCOUNT_RATE_LIMITS, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_two_clients_are_limited_separately(client, volunteer):
    _fail_three_times(client, "203.0.113.7")

    locked = _log_in(client, volunteer.email, forwarded_for="203.0.113.7")
    other = _log_in(client, volunteer.email, forwarded_for="198.51.100.9")

    assert _is_locked(locked)
    assert not _is_locked(other)
    assert client.session.get("_auth_user_id") == str(volunteer.pk)


@override_settings(ACCOUNT_RATE_LIMITS=ACCOUNT_RATE_LIMITS, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_only_the_address_the_proxy_saw_counts(client, volunteer):
    """nginx appends the address it saw; what the client wrote in front of it is not believed."""
    for spoofed in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        _log_in(client, "nobody@example.org", forwarded_for=f"{spoofed}, 203.0.113.7", password="x")

    response = _log_in(client, volunteer.email, forwarded_for="4.4.4.4, 203.0.113.7")

    assert _is_locked(response)


@override_settings(
    ACCOUNT_RATE_LIMITS=ACCOUNT_RATE_LIMITS, ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP"
)
def test_a_proxy_may_name_the_client_in_a_header_of_its_own(client, volunteer):
    for attempt in range(3):
        client.post(
            reverse("account_login"),
            {"login": f"nobody-{attempt}@example.org", "password": "x"},
            REMOTE_ADDR=PROXY,
            HTTP_X_REAL_IP="203.0.113.7",
        )

    response = client.post(
        reverse("account_login"),
        {"login": volunteer.email, "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_REAL_IP="198.51.100.9",
    )

    assert not _is_locked(response)


@override_settings(ACCOUNT_RATE_LIMITS=ACCOUNT_RATE_LIMITS)
def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, volunteer, settings):
    """Connected directly, a client cannot escape its limit by inventing addresses."""
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0
    assert settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER is None
    _fail_three_times(client, "203.0.113.7")

    response = _log_in(client, volunteer.email, forwarded_for="198.51.100.9")

    assert _is_locked(response)
    assert client.session.get("_auth_user_id") is None


@pytest.mark.parametrize("language", ["de", "ar"])
@override_settings(ACCOUNT_RATE_LIMITS={"login": "1/m/ip"})
def test_too_many_logins_answer_429_in_the_layout_and_the_visitors_language(
    client, volunteer, language, german
):
    client.cookies["django_language"] = language
    _log_in(client, "nobody@example.org", forwarded_for="", password="x")

    response = _log_in(client, volunteer.email, forwarded_for="")

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert 'class="kp-header"' in html
    assert "Too Many Requests" not in html
    if language == "de":
        assert german("Too many attempts") in html
