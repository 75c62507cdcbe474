"""Pages load every asset under the strict CSP, and htmx starts."""

from playwright.sync_api import expect

from knotenpunkt.core.roles import Role
from knotenpunkt.districts.tests.factories import MunicipalityFactory


def test_pages_load_without_console_errors_or_csp_violations(page, log_in, district, users):
    # The ``page`` fixture fails the test on any console error, CSP violation,
    # uncaught exception or asset that does not load.
    for path in ("/", f"/{district.slug}/", f"/{district.slug}/gemeinden/", "/accounts/login/"):
        page.goto(path)
        assert page.evaluate("typeof window.htmx") == "object", path

    log_in(page, users[Role.DISTRICT_ADMIN])
    for path in ("workspace/", "workspace/members/", "workspace/members/invite/"):
        page.goto(f"/{district.slug}/{path}")
        assert page.evaluate("typeof window.htmx") == "object", path


def test_the_municipality_filter_updates_the_results_in_place_with_htmx(page, district):
    """Typing filters without a page load; the URL follows, so the result can be shared."""

    MunicipalityFactory(district=district, name="Tannhausen")
    MunicipalityFactory(district=district, name="Birkenau")
    page.goto(f"/{district.slug}/gemeinden/")
    page.evaluate("window.kpMarker = 'same page'")

    page.locator("#id_query").fill("tann")

    results = page.locator("#municipality-results")
    expect(results).not_to_contain_text("Birkenau")
    expect(results).to_contain_text("Tannhausen")
    assert page.evaluate("window.kpMarker") == "same page", "htmx swapped, no full page load"
    assert "query=tann" in page.url


def test_the_municipality_filter_works_without_javascript(new_page, district):

    MunicipalityFactory(district=district, name="Tannhausen")
    MunicipalityFactory(district=district, name="Birkenau")
    page = new_page(javascript=False)
    page.goto(f"/{district.slug}/gemeinden/")

    page.locator("#id_query").fill("tann")
    page.locator("form.kp-filter button[type=submit]").click()

    expect(page.locator("#municipality-results")).not_to_contain_text("Birkenau")
    expect(page.locator("#municipality-results")).to_contain_text("Tannhausen")
