"""The workspace every role lives in: its home, notifications, settings, profile and the
member pages pass axe, reflow at 320 px without sideways scrolling, work by keyboard, and
are laid out right to left in Arabic."""

import pytest
from playwright.sync_api import expect

from knotenpunkt.accounts.models import Membership
from knotenpunkt.core.roles import Role
from knotenpunkt.directory.tests.factories import affiliate
from knotenpunkt.notifications.services import notify
from knotenpunkt.offers.notifications import PUBLISHED
from knotenpunkt.offers.tests.factories import OfferFactory

from .axe import assert_accessible
from .pages import horizontal_overflow, overflowing_elements

PHONE = {"width": 320, "height": 640}
ROLES = [
    Role.DISTRICT_ADMIN,
    Role.DISTRICT_COORDINATOR,
    Role.MUNICIPAL_COORDINATOR,
    Role.PARTNER_EDITOR,
    Role.VOLUNTEER,
]


@pytest.fixture
def work(district, users, organisation, categories):
    """Something in every panel: offers in each state, and a notification for each role."""
    affiliate(users[Role.PARTNER_EDITOR], organisation)
    affiliate(users[Role.VOLUNTEER], organisation, role=Role.VOLUNTEER)
    for state in ("draft", "in_review", "published"):
        offer = OfferFactory(
            district=district,
            provider=organisation,
            category=categories[0],
            state=state,
            title=f"Sprachcafé am Marktplatz mit einem sehr langen Titel ({state})",
        )
    notify(
        district=district,
        recipients=[users[role] for role in ROLES],
        kind=PUBLISHED,
        actor=users[Role.DISTRICT_ADMIN],
        target=offer,
        params={"title": offer.title},
    )
    return offer


def _pages(district, role, users):
    pages = [f"/{district.slug}/workspace/", f"/{district.slug}/workspace/benachrichtigungen/"]
    pages += ["/accounts/notifications/", "/accounts/profile/"]
    if role == Role.DISTRICT_ADMIN:
        member = Membership.objects.get(user=users[Role.VOLUNTEER])
        pages += [
            f"/{district.slug}/workspace/members/{member.pk}/role/",
            f"/{district.slug}/workspace/members/{member.pk}/remove/",
        ]
    return pages


@pytest.mark.parametrize("language", ["de", "ar"])
@pytest.mark.parametrize("role", ROLES)
def test_each_roles_workspace_passes_axe_and_reflows_at_320_px(
    new_page, log_in, district, users, work, role, language
):
    for viewport in ({"width": 1280, "height": 900}, PHONE):
        page = new_page(language=language, viewport=viewport)
        log_in(page, users[role])
        for path in _pages(district, role, users):
            response = page.goto(path)
            assert response.status == 200, path
            expect(page.locator("html")).to_have_attribute(
                "dir", "rtl" if language == "ar" else "ltr"
            )
            assert horizontal_overflow(page) <= 0, (path, viewport, overflowing_elements(page))
            assert_accessible(page)


def test_the_workspace_navigation_and_the_panels_work_by_keyboard(
    new_page, log_in, district, users, work
):
    page = new_page()
    log_in(page, users[Role.PARTNER_EDITOR])
    page.goto(f"/{district.slug}/workspace/")

    reached = []
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.getAttribute('href') || ''"))
    assert f"/{district.slug}/workspace/benachrichtigungen/" in reached
    assert f"/{district.slug}/workspace/angebote/" in reached
    sent_back = next(url for url in reached if "state=sent_back" in url or "state=draft" in url)

    page.goto(f"/{district.slug}/workspace/")
    link = page.locator(f'main a[href="{sent_back}"]').first
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/workspace/angebote/" in page.url


def test_the_unread_count_in_the_header_is_read_out_with_its_meaning(
    new_page, log_in, district, users, work, german
):
    page = new_page()
    log_in(page, users[Role.VOLUNTEER])
    page.goto(f"/{district.slug}/")

    link = page.locator("header a", has_text=german("Notifications"))
    expect(link).to_contain_text("1")
    expect(link.locator(".kern-sr-only")).to_have_text(german("unread"))


@pytest.mark.parametrize("language", ["de", "ar"])
def test_long_addresses_wrap_at_320_px(new_page, log_in, district, users, work, language):
    """The share link of an offer, its print view and a long e-mail address on the account
    page wrap instead of widening the page."""
    page = new_page(language=language, viewport=PHONE)
    log_in(page, users[Role.DISTRICT_COORDINATOR])
    for path in (
        f"/{district.slug}/angebote/{work.pk}/",
        f"/{district.slug}/angebote/{work.pk}/drucken/",
        "/accounts/email/",
    ):
        assert page.goto(path).status == 200, path
        assert horizontal_overflow(page) <= 0, (path, overflowing_elements(page))


def test_on_a_phone_the_workspace_navigation_is_folded_away_above_the_content(
    new_page, log_in, district, users, work
):
    page = new_page(viewport=PHONE)
    log_in(page, users[Role.DISTRICT_ADMIN])
    page.goto(f"/{district.slug}/workspace/")

    heading = page.get_by_role("heading", level=1)
    assert heading.bounding_box()["y"] < PHONE["height"]
    menu = page.locator("details.kp-workspace__menu")
    expect(menu.locator("nav")).to_be_hidden()
    menu.locator("summary").click()
    expect(menu.get_by_role("link", name=page.locator("h1").inner_text())).to_be_visible()
