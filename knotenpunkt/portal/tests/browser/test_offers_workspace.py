"""The offers workspace in a real browser: the pages are accessible (the way of an offer
from the editor to the public is in test_offers_journey.py)."""

import pytest
from playwright.sync_api import expect

from knotenpunkt.core.roles import Role
from knotenpunkt.offers import services
from knotenpunkt.offers.models import Offer
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
