"""The interactive API documentation runs under the strict CSP, from our own static files."""

from playwright.sync_api import expect

from .axe import assert_accessible


def test_the_api_documentation_loads_without_errors(page, district):
    response = page.goto("/api/v1/docs")

    assert response.status == 200
    expect(page.get_by_text("Knotenpunkt API").first).to_be_visible()
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    assert page.locator(".opblock").count() == 5


def test_the_api_documentation_has_no_accessibility_violations(page, district):
    page.goto("/api/v1/docs")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    assert_accessible(page)

    page.locator(".opblock-summary-control").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    assert_accessible(page)

    # "Try it out" is on from the start (tryItOutEnabled).
    page.locator('tr[data-param-name="district_slug"] input').first.fill(district.slug)
    page.locator(".execute").first.click()
    expect(page.locator(".responses-table .response").first).to_be_visible()
    assert_accessible(page)
