"""Steps the browser tests share: logging in through the form, switching the language."""

from django.urls import reverse
from playwright.sync_api import expect

from knotenpunkt.accounts.demo import DEMO_PASSWORD
from knotenpunkt.core.roles import Role


def demo_email(role: Role) -> str:
    return f"{role.value.replace('_', '-')}@mittelwald.example"


def log_in_with_form(page, email, password=DEMO_PASSWORD):
    page.goto(reverse("account_login"))
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def switch_language(page, code):
    """Choose ``code`` in the header's language switcher and submit it."""
    page.locator("#kp-language-select").select_option(code)
    page.locator("form.kp-language button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def horizontal_overflow(page):
    """Return by how many pixels the document is wider than the viewport."""
    return page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")


def overflowing_elements(page):
    """Return the innermost elements that reach beyond the viewport's right edge (to debug)."""
    return page.evaluate(
        """() => {
          const wide = e => e.getBoundingClientRect().right > window.innerWidth + 1;
          return [...document.querySelectorAll('body *')]
            .filter(e => wide(e) && ![...e.children].some(wide))
            .map(e => `${e.tagName}.${e.className}: ${(e.textContent || '').trim().slice(0, 40)}`);
        }"""
    )
