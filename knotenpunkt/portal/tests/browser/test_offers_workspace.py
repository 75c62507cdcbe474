"""The offers workspace in a real browser: a partner editor writes an offer with an Arabic
translation and submits it, a district coordinator publishes it; the pages are accessible."""

import re

import pytest
from playwright.sync_api import expect

from knotenpunkt.accounts.roles import Role
from knotenpunkt.offers import services
from knotenpunkt.offers.models import Offer, OfferState
from knotenpunkt.offers.tasks import confirm_token
from knotenpunkt.offers.tests.factories import CategoryFactory, OfferTranslationFactory

from .axe import assert_accessible


def _offers(district):
    return f"/{district.slug}/workspace/angebote/"


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_offer_form_has_no_accessibility_violations(
    new_page, log_in, district, users, provider, categories, language
):
    CategoryFactory(district=district, parent=categories[0], name="Integrationskurse")
    page = new_page(language=language)
    log_in(page, users[Role.PARTNER_EDITOR])

    response = page.goto(_offers(district) + "neu/")
    assert response.status == 200
    assert_accessible(page)

    # With the errors of an empty form, too.
    page.locator("main form.kp-form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator("main .kern-error").count() >= 2
    assert page.locator("#id_title").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    assert not Offer.objects.exists()


def test_an_editor_writes_translates_and_submits_and_a_coordinator_publishes(
    new_page, log_in, district, users, provider, categories, municipalities
):
    editor = new_page()
    log_in(editor, users[Role.PARTNER_EDITOR])

    editor.goto(_offers(district))
    editor.locator(f"main a[href='{_offers(district)}neu/']").click()
    editor.locator("#id_title").fill("Sprachcafé am Markt")
    editor.locator("#id_summary").fill("Deutsch sprechen bei Kaffee und Kuchen.")
    editor.locator("#id_description").fill("<p>Jeden <strong>Dienstag</strong>.</p>")
    editor.locator("#id_provider").select_option(str(provider.pk))
    editor.locator("#id_category").select_option(str(categories[0].pk))
    editor.locator("#id_places-0-name").fill("Bürgerhaus")
    editor.locator("#id_places-0-city").fill("Crailsheim")
    editor.locator("#id_places-0-municipality").select_option(str(municipalities[0].pk))
    editor.locator("#id_times-0-weekday").select_option("1")
    editor.locator("#id_times-0-starts_at").fill("15:00")
    editor.locator("#id_times-0-ends_at").fill("17:00")
    assert_accessible(editor)
    editor.locator("main form.kp-form button[type=submit]").first.click()

    expect(editor).to_have_url(re.compile(r"/workspace/angebote/\d+/$"))
    offer = Offer.objects.get(title="Sprachcafé am Markt")
    assert offer.state == OfferState.DRAFT
    assert_accessible(editor)

    editor.locator("main a[href$='/uebersetzungen/ar/']").click()
    expect(editor.locator("#id_title")).to_have_attribute("dir", "rtl")
    expect(editor.locator("main")).to_contain_text("Deutsch sprechen bei Kaffee und Kuchen.")
    assert_accessible(editor)
    editor.locator("#id_title").fill("مقهى اللغة في السوق")
    editor.locator("#id_summary").fill("تحدث الألمانية مع القهوة والكعك.")
    editor.locator("main form.kp-form button[type=submit]").click()
    expect(editor).to_have_url(re.compile(rf"/workspace/angebote/{offer.pk}/$"))
    assert offer.translations.get(language="ar").is_current

    assert editor.locator("form[action$='/veroeffentlichen/']").count() == 0
    editor.locator("form[action$='/einreichen/'] button").click()
    expect(editor.locator(".kp-messages .kern-alert--success")).to_be_visible()
    offer.refresh_from_db()
    assert offer.state == OfferState.IN_REVIEW

    coordinator = new_page()
    log_in(coordinator, users[Role.DISTRICT_COORDINATOR])
    coordinator.goto(_offers(district) + "pruefen/")
    coordinator.locator(f"main a[href$='/angebote/{offer.pk}/']").click()
    assert_accessible(coordinator)
    coordinator.locator("form[action$='/veroeffentlichen/'] button").click()
    expect(coordinator.locator(".kp-messages .kern-alert--success")).to_be_visible()

    offer.refresh_from_db()
    assert offer.state == OfferState.PUBLISHED
    assert offer.translations.get(language="ar").title == "مقهى اللغة في السوق"


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_other_offers_workspace_pages_have_no_accessibility_violations(
    new_page, log_in, district, users, offer, language
):
    coordinator = users[Role.DISTRICT_COORDINATOR]
    pending = services.offer_update(actor=coordinator, offer=offer, values={"title": "Neu"})
    services.offer_submit(actor=coordinator, offer=pending)
    OfferTranslationFactory(offer=offer, language="en", source_hash="alt")
    district.offer_coverage_public = True
    district.save(update_fields=["offer_coverage_public"])
    page = new_page(language=language)
    log_in(page, coordinator)
    paths = (
        "workspace/angebote/",
        "workspace/angebote/pruefen/",
        "workspace/angebote/veraltet/",
        "workspace/angebote/uebersetzungen/",
        "workspace/angebote/abdeckung/",
        "workspace/angebote/kategorien/",
        f"workspace/angebote/kategorien/{offer.category_id}/",
        f"workspace/angebote/{offer.pk}/",
        f"workspace/angebote/{offer.pk}/bearbeiten/",
        f"workspace/angebote/{offer.pk}/zurueckgeben/",
        f"workspace/angebote/{offer.pk}/archivieren/",
        f"workspace/angebote/{offer.pk}/uebersetzungen/en/",
        "angebote/abdeckung/",
    )
    for path in paths:
        response = page.goto(f"/{district.slug}/{path}")
        assert response.status == 200, path
        assert_accessible(page)


def test_the_confirmation_link_page_has_no_accessibility_violations(new_page, district, offer):
    page = new_page()
    page.goto(f"/{district.slug}/angebote/bestaetigen/{confirm_token(offer)}/")
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .kern-alert--success")).to_be_visible()
    assert_accessible(page)
