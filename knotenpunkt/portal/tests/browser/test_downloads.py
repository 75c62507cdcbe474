"""The download centre passes axe-core (WCAG 2.1 A/AA) in German, English and Arabic."""

import pytest

from knotenpunkt.core.roles import Role
from knotenpunkt.downloads.tests.factories import DocumentFactory, DocumentVersionFactory

from .axe import assert_accessible, axe_violations, format_violations

LANGUAGES = ["de", "en", "ar"]


@pytest.fixture
def documents(district):
    flyer = DocumentFactory(district=district, title="Willkommensflyer")
    DocumentVersionFactory(document=flyer, number=1)
    DocumentVersionFactory(document=flyer, number=2, original_name="flyer-2026.pdf")
    standard = DocumentFactory(
        district=district, title="Standard Erstgespräch", category="standard"
    )
    DocumentVersionFactory(document=standard, number=1)
    return flyer, standard


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_download_centre_has_no_accessibility_violations(
    new_page, district, documents, language
):
    page = new_page(language=language)
    reports = []
    for path in (f"/{district.slug}/downloads/", f"/{district.slug}/downloads/{documents[0].pk}/"):
        response = page.goto(path)
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        violations = axe_violations(page)
        if violations:
            reports.append(format_violations(page.url, violations))
    assert not reports, "\n\n".join(reports)


def test_the_workspace_pages_of_the_download_centre_have_no_accessibility_violations(
    new_page, log_in, district, users, documents
):
    page = new_page()
    log_in(page, users[Role.DISTRICT_COORDINATOR])
    flyer = documents[0]
    for path in (
        "workspace/downloads/",
        f"workspace/downloads/{flyer.pk}/edit/",
        f"workspace/downloads/{flyer.pk}/versions/new/",
        f"workspace/downloads/{flyer.pk}/delete/",
    ):
        response = page.goto(f"/{district.slug}/{path}")
        assert response.status == 200, path
        assert_accessible(page)

    page.goto(f"/{district.slug}/workspace/downloads/new/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".kern-error").count() > 0, "the empty form shows no errors"
    assert_accessible(page)
