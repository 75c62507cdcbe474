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


def test_the_workspace_works_without_javascript(
    new_page, log_in, district, users, organisation, german
):
    """Home, folded navigation, notifications, settings and a role change, all without
    JavaScript."""
    from knotenpunkt.accounts.models import Membership
    from knotenpunkt.notifications.models import Notification, NotificationSetting
    from knotenpunkt.notifications.services import notify

    admin = users[Role.DISTRICT_ADMIN]
    notify(
        district=district,
        recipients=[admin],
        kind="accounts.invitation_accepted",
        actor=users[Role.VOLUNTEER],
        params={"role": Role.VOLUNTEER},
    )
    page = new_page(javascript=False, viewport={"width": 320, "height": 640})
    log_in(page, admin)

    page.goto(f"/{district.slug}/workspace/")
    page.locator("details.kp-workspace__menu summary").click()
    page.locator("details.kp-workspace__menu a", has_text=german("Notifications")).first.click()
    expect(page).to_have_url(re.compile(r"/workspace/benachrichtigungen/$"))
    page.locator("main form button[type=submit]").click()
    assert not Notification.objects.filter(recipient=admin, read_at__isnull=True).exists()

    page.goto(reverse("notifications:settings"))
    page.locator("select[name='accounts.invitation_accepted']").select_option("off")
    page.locator("main form button[type=submit]").click()
    assert (
        NotificationSetting.objects.get(user=admin, kind="accounts.invitation_accepted").delivery
        == "off"
    )

    membership = Membership.objects.get(user=users[Role.VOLUNTEER])
    page.goto(reverse("accounts:membership_change", args=[district.slug, membership.pk]))
    page.locator("select[name=role]").select_option(Role.PARTNER_EDITOR.value)
    page.locator("select[name=organisation]").select_option(str(organisation.pk))
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/workspace/members/$"))
    membership.refresh_from_db()
    assert membership.role == Role.PARTNER_EDITOR
