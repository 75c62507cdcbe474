"""Importing the directory in a real browser: upload, preview, error report, import."""

from pathlib import Path

import pytest

from knotenpunkt.core.roles import Role
from knotenpunkt.directory.models import Organisation

from .axe import assert_accessible

DATA = Path(__file__).resolve().parents[3] / "directory" / "tests" / "data"


@pytest.fixture(autouse=True)
def _reference_lists(db):
    """Live-server tests empty every table, the reference rows of the migration too."""
    from knotenpunkt.directory.models import LanguageCode, SpokenLanguage, Topic, TopicCode

    for code in LanguageCode.values:
        SpokenLanguage.objects.get_or_create(code=code)
    for code in TopicCode.values:
        Topic.objects.get_or_create(code=code)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_file_with_errors_shows_an_accessible_report_and_imports_nothing(
    new_page, log_in, district, users, language
):
    page = new_page(language=language)
    log_in(page, users[Role.DISTRICT_COORDINATOR])
    response = page.goto(f"/{district.slug}/workspace/verzeichnis/import/")
    assert response.status == 200
    assert_accessible(page)

    page.locator("input[type=file]").set_input_files(str(DATA / "organisations_with_errors.csv"))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/import/vorschau/")
    assert page.locator("#import-errors tbody tr").count() == 2
    assert page.locator("button", has_text="Import").count() == 0
    assert_accessible(page)
    assert not Organisation.objects.exists()


def test_a_valid_file_is_previewed_and_imported(new_page, log_in, district, users):
    page = new_page()
    log_in(page, users[Role.DISTRICT_COORDINATOR])
    page.goto(f"/{district.slug}/workspace/verzeichnis/import/")
    page.locator("input[type=file]").set_input_files(str(DATA / "organisations.csv"))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#import-rows tbody tr").count() == 2, page.locator("main").inner_text()
    assert_accessible(page)

    page.locator("form[action$='/import/ausfuehren/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/import/ergebnis/")
    assert_accessible(page)
    assert Organisation.objects.in_district(district).count() == 2

    page.goto(f"/{district.slug}/workspace/verzeichnis/export/")
    assert_accessible(page)
