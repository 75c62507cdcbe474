"""Rich text in the offers: length limits of the description in the form and the services,
the history shown with labels and a word difference, and the review page's difference."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from knotenpunkt.core.richtext import RICH_TEXT_MAX_LENGTH
from knotenpunkt.core.roles import Role
from knotenpunkt.offers import services

from .test_workspace_views import _edit_data, _log_in, _offer_data, _url

TOO_LONG = "<p>" + "Wort " * (RICH_TEXT_MAX_LENGTH // 5) + "</p>"


@pytest.fixture
def editor(users, provider):
    return users[Role.PARTNER_EDITOR]


def test_the_offer_form_refuses_a_description_over_the_limit_with_a_clear_error(
    client, district, editor, provider, categories, municipalities
):
    _log_in(client, editor)
    data = _offer_data(provider, categories[0], municipalities[0], description=TOO_LONG)

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(_url("offer_create", district), data)

    assert response.status_code == 200
    errors = response.context["forms"].form.errors.as_data()["description"]
    assert errors[0].code == "max_length"
    assert "too long" in response.content.decode()


def test_the_offer_form_refuses_huge_input_before_cleaning_it(
    client, district, editor, provider, categories, municipalities
):
    _log_in(client, editor)
    data = _offer_data(provider, categories[0], municipalities[0], description="x" * 2_800_000)

    response = client.post(_url("offer_create", district), data)

    assert response.status_code == 200
    errors = response.context["forms"].form.errors.as_data()["description"]
    assert errors[0].code == "raw_too_long"


def test_the_services_refuse_a_description_over_the_limit(district, editor, offer):
    with pytest.raises(ValidationError) as error:
        services.offer_update(actor=editor, offer=offer, values={"description": TOO_LONG})
    assert "description" in error.value.message_dict

    with pytest.raises(ValidationError) as error:
        services.translation_save(
            actor=editor,
            offer=offer,
            language="ar",
            title="عنوان",
            summary="ملخص",
            description=TOO_LONG,
        )
    assert "description" in error.value.message_dict


def test_the_services_refuse_an_accessibility_note_over_the_limit(district, editor, offer):
    with pytest.raises(ValidationError) as error:
        services.offer_update(actor=editor, offer=offer, values={"accessibility": "x" * 2001})
    assert "accessibility" in error.value.message_dict


def test_the_history_shows_labels_not_codes_and_a_word_difference_of_the_description(
    client, district, editor, provider, categories, municipalities
):
    _log_in(client, editor)
    data = _offer_data(
        provider,
        categories[0],
        municipalities[0],
        description="<p>Wir treffen uns am <strong>Montag</strong>.</p>",
        target_groups=["families", "parents"],
        languages=["ar", "de"],
        cost="fee",
        registration_required="on",
    )
    client.post(_url("offer_create", district), data)
    offer = provider.offers.get()
    client.post(
        _url("offer_edit", district, pk=offer.pk),
        _edit_data(offer, description="<p>Wir treffen uns jeden Dienstag.</p>"),
    )

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(_url("workspace_offer", district, pk=offer.pk))
    content = page.content.decode()
    rows = page.context["history"]
    created = {change.label: change for change in rows[-1].changes}
    assert created["target groups"].value == "Families, Parents"
    assert created["languages of the offer"].value == "Arabic, German"
    assert created["cost"].value == "With a fee"
    assert created["registration needed"].value == "yes"
    assert created["description"].value == "Wir treffen uns am Montag."
    changed = {change.label: change for change in rows[0].changes}
    assert changed["description"].diff.changed
    assert "families, parents" not in content and "ar, de" not in content
    assert "<strong>" not in content.split('id="history-heading"')[1]
    assert "am Montag.<span" in content and "jeden Dienstag.<span" in content


def test_the_review_page_marks_what_the_pending_change_alters_in_the_text(
    client, district, editor, offer, users
):
    services.offer_update(
        actor=editor,
        offer=offer,
        values={"description": "<p>Wir treffen uns jeden <em>Dienstag</em>.</p>"},
    )
    _log_in(client, users[Role.DISTRICT_COORDINATOR])

    content = client.get(_url("workspace_offer", district, pk=offer.pk)).content.decode()

    pending = content.split('id="pending-heading"')[1].split('id="data-heading"')[0]
    assert '<del><span class="kern-sr-only">' in pending
    assert "jede Woche.<span" in pending  # removed
    assert "jeden Dienstag.<span" in pending  # inserted
    assert "<em>" not in pending
