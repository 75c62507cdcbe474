"""Logging in through the real login form, as every role of the demo district."""

import re

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from knotenpunkt.core.demo import load_demo
from knotenpunkt.core.roles import ROLES_SEEING_CLIENT_DATA, Role

from .axe import assert_accessible
from .pages import demo_email, log_in_with_form


@pytest.fixture
def demo(transactional_db):
    return load_demo()


def test_district_admin_logs_in_and_reaches_my_knotenpunkt(page, demo):
    log_in_with_form(page, demo_email(Role.DISTRICT_ADMIN))

    expect(page).to_have_url(re.compile(r"/mittelwald/workspace/$"))
    with translation.override("de"):
        heading = gettext("My Knotenpunkt")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("nav.kp-workspace__nav--side [aria-current=page]")).to_have_text(heading)


@pytest.mark.parametrize("role", list(Role), ids=[role.value for role in Role])
def test_each_demo_role_lands_where_it_should(new_page, demo, role):
    """Roles that will see clients' data must first set up two-factor authentication."""
    page = new_page()
    log_in_with_form(page, demo_email(role))

    if role in ROLES_SEEING_CLIENT_DATA:
        # The person is told why and lands on the set-up page at once.
        expect(page.locator(".kp-messages .kern-alert--warning")).to_be_visible()
        expect(page).to_have_url(re.compile(re.escape(reverse("mfa_activate_totp")) + "$"))
        expect(page.locator("main img")).to_be_visible()  # the QR code
        assert_accessible(page)
    else:
        expect(page).to_have_url(re.compile(r"/mittelwald/workspace/$"))


def test_an_integration_manager_sets_up_the_authenticator_and_then_works(new_page, demo):
    """The whole first login: password, TOTP set-up with a code, recovery codes, workspace."""
    page = new_page()
    log_in_with_form(page, demo_email(Role.INTEGRATION_MANAGER))
    expect(page).to_have_url(re.compile(re.escape(reverse("mfa_activate_totp")) + "$"))

    secret = page.locator("main input[disabled]").input_value()
    counter = next(yield_hotp_counters_from_time())
    page.locator("input[name=code]").fill(format_hotp_value(hotp_value(secret, counter)))
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".kp-messages .kern-alert--success").first).to_be_visible()

    page.goto(page.url.split("/accounts/")[0] + "/mittelwald/workspace/")
    expect(page).to_have_url(re.compile(r"/mittelwald/workspace/$"))
    assert_accessible(page)


def test_wrong_password_shows_an_accessible_error(page, demo):
    log_in_with_form(page, demo_email(Role.VOLUNTEER), password="not-the-password")

    expect(page).to_have_url(re.compile(re.escape(reverse("account_login"))))
    expect(page.locator("main .kern-alert--danger")).to_be_visible()
    assert_accessible(page)
