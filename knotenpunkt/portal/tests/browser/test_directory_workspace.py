"""The directory workspace in a real browser: accessible, and usable with the keyboard's forms."""

import pytest

from knotenpunkt.core.roles import Role
from knotenpunkt.directory.models import Organisation

from .axe import assert_accessible


@pytest.fixture
def contact_path(contact):
    return f"workspace/verzeichnis/kontakte/{contact.pk}/"


@pytest.mark.parametrize("language", ["de", "ar"])
def test_directory_workspace_pages_have_no_accessibility_violations(
    new_page, log_in, district, users, organisation, contact_path, language
):
    Organisation.objects.filter(pk=organisation.pk).update(last_confirmed_at="2020-01-01")
    page = new_page(language=language)
    log_in(page, users[Role.DISTRICT_COORDINATOR])
    paths = (
        "workspace/verzeichnis/",
        "workspace/verzeichnis/neu/",
        "workspace/verzeichnis/veraltet/",
        f"workspace/verzeichnis/{organisation.pk}/",
        f"workspace/verzeichnis/{organisation.pk}/verlauf/",
        f"workspace/verzeichnis/{organisation.pk}/kontakte/neu/",
        f"workspace/verzeichnis/{organisation.pk}/loeschen/",
        contact_path,
        contact_path + "loeschen/",
    )
    for path in paths:
        response = page.goto(f"/{district.slug}/{path}")
        assert response.status == 200, path
        assert_accessible(page)


def test_a_malformed_email_shows_an_accessible_field_error_and_confirming_works(
    new_page, log_in, district, users, organisation
):
    page = new_page()
    log_in(page, users[Role.MUNICIPAL_COORDINATOR])
    page.goto(f"/{district.slug}/workspace/verzeichnis/{organisation.pk}/")
    page.locator("#id_email").fill("keine-adresse")
    page.locator("#id_phone").fill("ruf mich an")
    page.locator("main form.kp-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".kern-error").count() >= 2
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    assert_accessible(page)

    page.get_by_role("button", name="Still correct").or_(
        page.locator("form[action$='/bestaetigen/'] button")
    ).first.click()
    page.wait_for_load_state()
    organisation.refresh_from_db()
    assert organisation.last_confirmed_at is not None
    assert organisation.email != "keine-adresse"
    page.goto(f"/{district.slug}/workspace/verzeichnis/{organisation.pk}/verlauf/")
    assert page.locator("main table tbody tr").count() == 1
    assert_accessible(page)
