"""The interactive API documentation runs under the strict CSP, from our own static files."""

from playwright.sync_api import expect


def test_the_api_documentation_loads_without_errors(page, district):
    response = page.goto("/api/v1/docs")

    assert response.status == 200
    expect(page.get_by_text("Knotenpunkt API").first).to_be_visible()
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    assert page.locator(".opblock").count() == 5
