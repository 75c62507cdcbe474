"""Every page works without JavaScript: forms are plain HTML forms."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from knotenpunkt.accounts.models import Invitation
from knotenpunkt.core.demo import load_demo
from knotenpunkt.core.roles import Role

from .pages import demo_email, log_in_with_form, switch_language


def test_log_in_switch_language_and_invite_without_javascript(new_page, transactional_db):
    load_demo()
    page = new_page(javascript=False)

    log_in_with_form(page, demo_email(Role.DISTRICT_ADMIN))
    expect(page).to_have_url(re.compile(r"/mittelwald/workspace/$"))

    switch_language(page, "en")
    expect(page).to_have_url(re.compile(r"/mittelwald/workspace/$"))

    page.goto(reverse("accounts:invite", kwargs={"district_slug": "mittelwald"}))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .kern-error").first).to_be_visible()

    page.locator("input[name=email]").fill("neue.helferin@example.org")
    page.locator("select[name=role]").select_option(Role.VOLUNTEER.value)
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/mittelwald/workspace/members/$"))
    expect(page.locator(".kp-messages .kern-alert--success")).to_contain_text(
        "neue.helferin@example.org"
    )
    assert Invitation.objects.filter(email="neue.helferin@example.org").exists()
