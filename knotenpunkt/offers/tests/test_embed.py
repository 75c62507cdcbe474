"""The embeddable catalogue and the page that builds its snippet."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from knotenpunkt.directory.tests.factories import OrganisationFactory
from knotenpunkt.offers.models import OfferState

from .factories import OfferFactory, OfferPlaceFactory, OfferTranslationFactory

# The assertions name the English msgids (root conftest.py).
pytestmark = pytest.mark.usefixtures("pages_in_english")


def _embed(district):
    return reverse("offers:embed", kwargs={"district_slug": district.slug})


def _snippet(district):
    return reverse("offers:embed_snippet", kwargs={"district_slug": district.slug})


def _titles(response):
    assert response.status_code == 200
    return [entry["title"] for entry in response.context["entries"]]


# --- The embedded page ---------------------------------------------------------------------


def test_other_websites_may_frame_the_embedded_catalogue(client, district):
    response = client.get(_embed(district))

    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors *" in policy
    # The rest of the strict policy stays.
    assert "script-src 'self'" in policy and "style-src 'self'" in policy


def test_no_other_page_may_be_framed(client, district):
    response = client.get(_snippet(district))

    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_the_embedded_page_has_no_site_layout_and_its_own_small_stylesheet(client, offer):
    page = client.get(_embed(offer.district)).content.decode()

    assert "offers/embed.css" in page
    assert "kern.min.css" not in page and "htmx" not in page
    assert "kp-header" not in page and "kp-nav" not in page and "kp-footer" not in page
    assert "<script" not in page and "style=" not in page
    assert offer.title in page


def test_it_shows_only_public_offers_of_the_own_district(client, district, other_offer):
    OfferFactory(district=district, title="Öffentlich")
    OfferFactory(district=district, title="Entwurf", state=OfferState.DRAFT)

    assert _titles(client.get(_embed(district))) == ["Öffentlich"]


def test_it_filters_by_municipality(client, district, municipalities):
    here = OfferFactory(district=district, title="A hier")
    OfferPlaceFactory(offer=here, municipality=municipalities[0])
    there = OfferFactory(district=district, title="B dort")
    OfferPlaceFactory(offer=there, municipality=municipalities[1])

    response = client.get(
        _embed(district), {"municipality": municipalities[0].pk}, headers={"accept-language": "en"}
    )

    assert _titles(response) == ["A hier"]
    assert f'<h1 class="kpe-heading"><bdi>Offers in {municipalities[0].name}</bdi></h1>' in (
        response.content.decode()
    )


def test_it_filters_by_organisation_and_searches_within(client, district):
    caritas = OrganisationFactory(district=district, name="Caritas")
    OfferFactory(district=district, provider=caritas, title="Sprachcafé")
    OfferFactory(district=district, provider=caritas, title="Nähkurs")
    OfferFactory(district=district, title="Sprachkurs anderswo")

    by_provider = client.get(_embed(district), {"provider": caritas.pk})
    searched = client.get(_embed(district), {"provider": caritas.pk, "q": "sprach"})

    assert _titles(by_provider) == ["Nähkurs", "Sprachcafé"]
    assert _titles(searched) == ["Sprachcafé"]
    assert "Caritas" in by_provider.context["heading"]
    # The search form keeps the organisation.
    assert f'name="provider" value="{caritas.pk}"' in searched.content.decode()


def test_an_id_of_another_district_answers_404(client, district, other_offer):
    response = client.get(_embed(district), {"provider": other_offer.provider_id})

    assert response.status_code == 404


def test_links_open_the_full_offer_page_in_a_new_tab(client, offer):
    page = client.get(_embed(offer.district)).content.decode()

    links = re.findall(r"<a [^>]*>", page)
    assert f'href="{offer.get_absolute_url()}"' in " ".join(links)
    for link in links:
        assert 'target="_blank"' in link and 'rel="noopener"' in link


def test_lang_shows_translations_and_marks_untranslated_texts_as_german(client, district):
    translated = OfferFactory(district=district, title="A Sprachcafé")
    OfferTranslationFactory(offer=translated, language="en", title="A language café")
    OfferFactory(district=district, title="B Nähkurs")

    response = client.get(_embed(district), {"lang": "en"})
    page = response.content.decode()

    assert '<html lang="en"' in page
    assert response["Content-Language"] == "en"
    assert _titles(response) == ["A language café", "B Nähkurs"]
    assert re.search(r'lang="en"[^>]*>(<a [^>]*>)?A language café', page)
    assert re.search(r'lang="de"[^>]*>(<a [^>]*>)?B Nähkurs', page)
    # The search keeps the language.
    assert '<input type="hidden" name="lang" value="en">' in page


def test_right_to_left_languages_are_laid_out_right_to_left(client, offer):
    page = client.get(_embed(offer.district), {"lang": "ar"}).content.decode()

    assert '<html lang="ar" dir="rtl">' in page


@pytest.mark.parametrize(
    "text",
    ["دورة لغة", "😀", "'; DROP TABLE offers_offer; --", "a\x00b", "x" * 10_000, "%", "<b>"],
)
def test_any_search_text_works(client, offer, text):
    response = client.get(_embed(offer.district), {"q": text, "lang": "xx", "page": "abc"})

    assert response.status_code == 200
    assert "<b>" not in response.content.decode().split("<main", 1)[1]


def test_the_results_are_paged(client, district):
    for number in range(12):
        OfferFactory(district=district, title=f"Angebot {number:02}")

    first = client.get(_embed(district), {"lang": "en"})
    second = client.get(_embed(district), {"lang": "en", "page": 2})

    assert len(first.context["entries"]) == 10
    assert _titles(second) == ["Angebot 10", "Angebot 11"]
    assert "?lang=en&amp;page=2" in first.content.decode()


def test_the_number_of_queries_does_not_grow_with_the_offers(client, district, municipalities):
    def add(number):
        for _index in range(number):
            offer = OfferFactory(district=district)
            OfferPlaceFactory(offer=offer, municipality=municipalities[0])
            OfferTranslationFactory(offer=offer)

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(_embed(district), {"municipality": municipalities[0].pk})
        assert response.status_code == 200
        return len(queries)

    add(3)
    few = count()
    add(30)

    assert count() == few


# --- The snippet page ----------------------------------------------------------------------


def test_the_snippet_page_offers_municipalities_and_organisations_with_offers(
    client, district, municipalities, offer
):
    OrganisationFactory(district=district, name="Ohne Angebote")

    response = client.get(_snippet(district))

    form = response.context["form"]
    assert list(form.fields["municipality"].queryset) == list(municipalities)
    assert list(form.fields["provider"].queryset) == [offer.provider]
    assert response.context["src"] == f"http://testserver{_embed(district)}"


def test_the_snippet_holds_an_iframe_with_the_chosen_filters_and_a_preview(
    client, district, municipalities, offer
):
    response = client.get(
        _snippet(district),
        {"municipality": municipalities[0].pk, "provider": offer.provider_id, "lang": "ar"},
        headers={"accept-language": "en"},
    )

    page = response.content.decode()
    src = (
        f"http://testserver{_embed(district)}?municipality={municipalities[0].pk}"
        f"&provider={offer.provider_id}&lang=ar"
    )
    code = html.unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S).group(1))
    assert code == (
        f'<iframe src="{html.escape(src)}" title="Offers of {offer.provider.name}" '
        'loading="lazy" width="600" height="600"></iframe>'
    )
    assert (
        f'<iframe class="kp-embed-preview" src="{html.escape(src)}" '
        f'title="Offers of {offer.provider.name}"'
    ) in page


def test_the_snippet_page_refuses_an_id_of_another_district(client, district, other_offer):
    response = client.get(_snippet(district), {"provider": other_offer.provider_id})

    assert response.status_code == 404


def test_the_code_partners_copy_is_valid_html(client, district, offer):
    """Partners paste it into their pages: an iframe's width is pixels, not "100%"."""
    from knotenpunkt.core.tests.nu_validator import html_errors

    page = client.get(_snippet(district)).content.decode()
    code = html.unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S).group(1))
    partner_page = (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Angebote</title>'
        f"</head><body><h1>Angebote</h1>{code}</body></html>"
    )

    assert html_errors({"the embed code": partner_page}) == []
