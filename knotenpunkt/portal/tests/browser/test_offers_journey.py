"""The offers catalogue from end to end, as its users meet it (issue 4, "Done means"): a
partner editor writes an offer with an Arabic translation, a coordinator publishes it, and
a visitor finds it in every public channel; a later change of the German text leaves the
Arabic translation outdated."""

import re

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from knotenpunkt.core.roles import Role
from knotenpunkt.offers.models import Offer, OfferState, TranslationStatus
from knotenpunkt.offers.tests.factories import OfferFactory, OfferPlaceFactory

from .axe import assert_accessible

# The tests have no internet; the tile server fails at once, as in test_offers_public.py.
TILES = re.compile(r"^https://tile\.openstreetmap\.org/")
TITLE = "Sprachcafé am Markt"
SUMMARY = "Deutsch sprechen bei Kaffee und Kuchen."
NEW_SUMMARY = "Deutsch sprechen bei Kaffee, Tee und Kuchen."
ARABIC_TITLE = "مقهى اللغة في السوق"
# "Sprachcafé" with a letter missing: found only by the typo tolerance (offers/search/words.py).
MISSPELT = "Sprahcafe"
ARABIC_WORD = "مقهى"
# The msgid of the note above an offer shown in German because its translation is outdated
# (a name, so that makemessages does not take this file for a place where the string is used).
OUTDATED_NOTE = "The translation of this offer is being updated; here is the current German text."


def _workspace(district):
    return f"/{district.slug}/workspace/angebote/"


def _submit_form(page):
    page.locator("main form.kp-form button[type=submit]").first.click()


def _publish_from_the_review_queue(coordinator, district, offer):
    coordinator.goto(_workspace(district) + "pruefen/")
    coordinator.locator(f"main a[href$='/angebote/{offer.pk}/']").click()
    coordinator.locator("form[action$='/veroeffentlichen/'] button").click()
    expect(coordinator.locator(".kp-messages .kern-alert--success")).to_be_visible()


def _search(page, text):
    page.locator("#id_q").fill(text)
    page.locator("form.kp-filter button[type=submit]").click()


def _api_offers(page, live_server, district, **query):
    response = page.request.get(f"{live_server.url}/api/v1/{district.slug}/offers", params=query)
    assert response.ok, response.status
    return response.json()["results"]


def test_an_offer_goes_from_the_editor_to_every_public_channel_and_its_translation_ages(
    new_page,
    log_in,
    live_server,
    partner_website,
    german,
    district,
    users,
    provider,
    categories,
    municipalities,
):
    here, elsewhere = municipalities[0], municipalities[1]
    here.latitude, here.longitude = 49.14, 10.07
    here.save(update_fields=["latitude", "longitude"])
    # Another public offer, in another municipality and category: what search and filters
    # must leave out.
    other = OfferFactory(
        district=district, provider=provider, category=categories[7], title="Nähkurs"
    )
    OfferPlaceFactory(offer=other, municipality=elsewhere, latitude=49.2, longitude=10.2)

    # 1. The partner editor writes the offer, translates it into Arabic and submits it.
    editor = new_page()
    log_in(editor, users[Role.PARTNER_EDITOR])
    editor.goto(_workspace(district) + "neu/")
    editor.locator("#id_title").fill(TITLE)
    editor.locator("#id_summary").fill(SUMMARY)
    # The description in the rich-text editor, formatted by keyboard.
    editor.locator("#id_description_editor").click()
    editor.keyboard.type("Jeden ")
    editor.keyboard.press("Control+b")
    editor.keyboard.type("Dienstag")
    editor.keyboard.press("Control+b")
    editor.keyboard.type(".")
    editor.locator("#id_provider").select_option(str(provider.pk))
    editor.locator("#id_category").select_option(str(categories[0].pk))
    editor.locator("#id_places-0-name").fill("Bürgerhaus")
    editor.locator("#id_places-0-city").fill("Crailsheim")
    editor.locator("#id_places-0-municipality").select_option(str(here.pk))
    # Nobody types coordinates: without a pin, the place gets its municipality's centre.
    editor.locator("#id_times-0-weekday").select_option("1")
    editor.locator("#id_times-0-starts_at").fill("15:00")
    _submit_form(editor)
    expect(editor).to_have_url(re.compile(r"/workspace/angebote/\d+/$"))
    offer = Offer.objects.get(title=TITLE)
    assert offer.state == OfferState.DRAFT

    editor.locator("main a[href$='/uebersetzungen/ar/']").click()
    expect(editor.locator("#id_title")).to_have_attribute("dir", "rtl")
    expect(editor.locator("main")).to_contain_text(SUMMARY)
    editor.locator("#id_title").fill(ARABIC_TITLE)
    editor.locator("#id_summary").fill("تحدث الألمانية مع القهوة والكعك.")
    _submit_form(editor)
    expect(editor).to_have_url(re.compile(rf"/workspace/angebote/{offer.pk}/$"))
    editor.locator("form[action$='/einreichen/'] button").click()
    expect(editor.locator(".kp-messages .kern-alert--success")).to_be_visible()

    # 2. The district coordinator reviews and publishes it.
    coordinator = new_page()
    log_in(coordinator, users[Role.DISTRICT_COORDINATOR])
    _publish_from_the_review_queue(coordinator, district, offer)
    offer.refresh_from_db()
    assert offer.state == OfferState.PUBLISHED

    # 3. A visitor finds it in German: by a misspelt word, by filters, on the map.
    visitor = new_page()
    visitor.route(TILES, lambda route: route.abort())
    catalogue = f"/{district.slug}/angebote/"
    visitor.goto(catalogue)
    results = visitor.locator("#offer-results")
    cards = results.locator(".kp-offer-card")
    expect(cards).to_have_count(2)
    _search(visitor, MISSPELT)
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text(TITLE)
    assert_accessible(visitor)

    visitor.goto(catalogue)
    visitor.locator("#id_category").select_option(str(categories[0].pk))
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text(TITLE)
    visitor.locator("#id_municipality").select_option(str(here.pk))
    expect(visitor).to_have_url(re.compile(rf"municipality={here.pk}"))
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text(TITLE)
    expect(visitor.locator(f"#id_municipality option[value='{here.pk}']")).to_have_text(
        f"{here.name} (1)"
    )

    results.locator("a[href*='/angebote/karte/']").click()
    expect(visitor).to_have_url(re.compile(rf"/angebote/karte/\?.*category={categories[0].pk}"))
    expect(visitor.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(visitor.locator(f".leaflet-marker-icon[title='{TITLE}']")).to_be_visible()
    assert_accessible(visitor)

    # 4. … and in Arabic: its Arabic title, found by an Arabic word, in the list and on the map.
    arabic = new_page(language="ar")
    arabic.route(TILES, lambda route: route.abort())
    arabic.goto(catalogue)
    arabic_results = arabic.locator("#offer-results")
    expect(arabic_results).to_contain_text(ARABIC_TITLE)
    _search(arabic, ARABIC_WORD)
    arabic_cards = arabic_results.locator(".kp-offer-card")
    expect(arabic_cards).to_have_count(1)
    expect(arabic_cards.get_by_role("link", name=ARABIC_TITLE)).not_to_have_attribute("lang", "de")
    assert_accessible(arabic)
    arabic_results.locator("a[href*='/angebote/karte/']").click()
    expect(arabic).to_have_url(re.compile(r"/angebote/karte/\?.*q="))
    expect(arabic.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(arabic.locator(f".leaflet-marker-icon[title='{ARABIC_TITLE}']")).to_be_visible()

    # 5. The coverage matrix counts it for its municipality and category.
    coordinator.goto(_workspace(district) + "abdeckung/")
    table = coordinator.locator("table.kp-coverage")
    headers = table.locator("thead th").all_inner_texts()
    column = headers.index(categories[0].name)

    def cell(municipality):
        row = table.locator("tbody tr").filter(
            has=coordinator.get_by_role("rowheader", name=municipality.name, exact=True)
        )
        return row.locator("th, td").nth(column)

    expect(cell(here)).to_have_text("1")
    expect(cell(elsewhere)).to_have_class(re.compile(r"\bkp-gap\b"))

    # 6. The snippet on a partner's plain HTML page shows it.
    embed = reverse("offers:embed", kwargs={"district_slug": district.slug})
    website = visitor.context.new_page()
    website.goto(partner_website(f"{live_server.url}{embed}?municipality={here.pk}"))
    frame = website.frame_locator("iframe[title='Angebote in Oberbach']")
    expect(frame.get_by_role("heading", level=2, name=TITLE)).to_be_visible()
    expect(frame.get_by_text("Nähkurs")).to_have_count(0)

    # 7. The API returns it, in German and in Arabic.
    found = _api_offers(visitor, live_server, district, q=MISSPELT)
    assert [(item["id"], item["title"]) for item in found] == [(offer.pk, TITLE)]
    (found,) = _api_offers(visitor, live_server, district, q=ARABIC_WORD, lang="ar")
    assert (found["id"], found["title"], found["translation_status"]) == (
        offer.pk,
        ARABIC_TITLE,
        "current",
    )

    # 8. The editor changes the German text; once published, the Arabic translation is
    # outdated.
    editor.goto(_workspace(district) + f"{offer.pk}/")
    editor.locator(f"main a[href$='/angebote/{offer.pk}/bearbeiten/']").click()
    editor.locator("#id_summary").fill(NEW_SUMMARY)
    _submit_form(editor)
    expect(editor).to_have_url(re.compile(rf"/workspace/angebote/{offer.pk}/$"))
    editor.locator("form[action$='/einreichen/'] button").click()
    expect(editor.locator(".kp-messages .kern-alert--success")).to_be_visible()
    _publish_from_the_review_queue(coordinator, district, offer)

    offer.refresh_from_db()
    assert offer.summary == NEW_SUMMARY
    in_arabic = offer.translations.get(language="ar")
    assert not in_arabic.is_current
    assert in_arabic.status == TranslationStatus.OUTDATED

    arabic.goto(f"/{district.slug}/angebote/{offer.pk}/")
    text = arabic.locator(".kp-offer-text")
    expect(text).to_have_attribute("lang", "de")
    expect(text).to_contain_text(NEW_SUMMARY)
    with translation.override("ar"):
        note = gettext(OUTDATED_NOTE)
    expect(arabic.get_by_role("note").filter(has_text=note)).to_be_visible()
    assert_accessible(arabic)
    arabic.goto(catalogue)
    expect(arabic_results.locator("a[lang=de]", has_text=TITLE)).to_be_visible()
    (found,) = _api_offers(visitor, live_server, district, q=MISSPELT, lang="ar")
    assert (found["title"], found["translation_status"]) == (TITLE, "outdated")

    coordinator.goto(_workspace(district) + "uebersetzungen/")
    summary_row = coordinator.locator("tr", has=coordinator.locator("a[href='#language-ar']"))
    expect(summary_row.locator("td").nth(1)).to_have_text("1")
    outdated = coordinator.locator(
        f"section[aria-labelledby='language-ar'] h3:text-is('{german('Outdated')}') + ul li"
    )
    expect(outdated).to_have_count(1)
    expect(outdated).to_contain_text(TITLE)
