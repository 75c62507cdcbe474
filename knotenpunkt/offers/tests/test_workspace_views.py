"""The offers workspace: editors write and submit, reviewers publish, everyone only in reach."""

import datetime
from unittest import mock

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from knotenpunkt.core.lifecycle.changes import STALE_EDIT_MESSAGE
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.core.richtext import RICH_TEXT_HINT
from knotenpunkt.core.roles import Role
from knotenpunkt.directory.tests.factories import OrganisationFactory
from knotenpunkt.offers import categories as categories_module
from knotenpunkt.offers import selectors, services
from knotenpunkt.offers.models import Category, Offer, OfferPlace, OfferState, OfferTranslation
from knotenpunkt.offers.tasks import confirm_token

from .factories import CategoryFactory, OfferFactory, OfferPlaceFactory, OfferTranslationFactory

LONG_AGO = datetime.date(2020, 1, 1)


def _url(name, district, **kwargs):
    return reverse(f"offers:{name}", kwargs={"district_slug": district.slug, **kwargs})


def _log_in(client, user):
    client.force_login(user)
    return client


def _management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _offer_data(provider, category, municipality, /, **changes):
    """POST data of the offer form: one place, one weekly time, an empty time row."""
    data = {
        "title": "Sprachcafé",
        "summary": "Deutsch sprechen bei Kaffee und Kuchen.",
        "description": "<p>Jeden <strong>Dienstag</strong>.</p>",
        "provider": provider.pk,
        "category": category.pk,
        "target_groups": ["refugees"],
        "languages": ["de", "ar"],
        "cost": "free",
        "cost_note": "",
        "registration_note": "",
        "schedule_note": "",
        "valid_from": "",
        "valid_until": "",
        "accessibility": "",
        "contact_name": "Amira Beispiel",
        "contact_phone": "07951 123-456",
        "contact_email": "sprachcafe@example.org",
        "website": "",
        **_management("places", 1),
        "places-0-name": "Bürgerhaus",
        "places-0-street": "Hauptstraße 1",
        "places-0-postal_code": "74564",
        "places-0-city": "Crailsheim",
        "places-0-municipality": municipality.pk,
        "places-0-latitude": "49,13",
        "places-0-longitude": "10,07",
        **_management("times", 2),
        "times-0-weekday": "1",
        "times-0-date": "",
        "times-0-starts_at": "15:00",
        "times-0-ends_at": "17:00",
        "times-1-weekday": "",
        "times-1-date": "",
        "times-1-starts_at": "",
        "times-1-ends_at": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _edit_data(offer, **changes):
    """POST data that repeats what the edit form of ``offer`` shows, with ``changes``."""
    place = offer.places.first()
    time = offer.times.first()
    data = _offer_data(offer.provider, offer.category, place.municipality)
    data.update(
        {
            "title": offer.title,
            "summary": offer.summary,
            "description": offer.description,
            "target_groups": [group.pk for group in offer.target_groups.all()],
            "languages": [language.pk for language in offer.languages.all()],
            "contact_name": offer.contact_name,
            "contact_phone": offer.contact_phone,
            "contact_email": offer.contact_email,
            **_management("places", 2, initial=1),
            "places-0-name": place.name,
            "places-0-street": place.street,
            "places-0-postal_code": place.postal_code,
            "places-0-city": place.city,
            "places-0-latitude": str(place.latitude or ""),
            "places-0-longitude": str(place.longitude or ""),
            "places-1-municipality": "",
        }
    )
    if time is None:
        data.update({**_management("times", 2), "times-0-weekday": "", "times-0-starts_at": ""})
        data.update({"times-0-ends_at": ""})
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def editor(users, provider):
    """The partner editor of the district, writing for ``provider``."""
    return users[Role.PARTNER_EDITOR]


@pytest.fixture
def coordinator(users):
    return users[Role.DISTRICT_COORDINATOR]


@pytest.fixture
def elsewhere(district, municipalities, categories):
    """An offer of an organisation seated where neither the editor nor the municipal
    coordinator of the fixtures reach."""
    organisation = OrganisationFactory(district=district, municipality=municipalities[1])
    offer = OfferFactory(
        district=district, provider=organisation, category=categories[1], title="Anderswo"
    )
    OfferPlaceFactory(offer=offer, municipality=municipalities[1])
    return offer


def _draft(editor, provider, categories, municipalities, **values):
    return services.offer_create(
        actor=editor,
        district=provider.district,
        values={
            "title": "Entwurf",
            "summary": "Noch nicht fertig.",
            "provider": provider,
            "category": categories[0],
            **values,
        },
        places=[{"name": "Rathaus", "municipality": municipalities[0]}],
        times=[{"weekday": 2, "starts_at": datetime.time(10)}],
    )


# The list ------------------------------------------------------------------------------------


def test_a_partner_editor_sees_only_the_offers_of_their_organisation(
    client, district, editor, offer, elsewhere
):
    _log_in(client, editor)

    response = client.get(_url("workspace_list", district))

    assert list(response.context["page"].object_list) == [offer]
    content = response.content.decode()
    assert "Anderswo" not in content
    assert _url("review_queue", district) not in content
    # A partner puts its offers on its own website with the embed code.
    assert _url("embed_snippet", district) in content


def test_a_municipal_coordinator_sees_the_offers_of_their_municipality_and_the_review_queue(
    client, district, users, offer, elsewhere
):
    _log_in(client, users[Role.MUNICIPAL_COORDINATOR])

    response = client.get(_url("workspace_list", district))

    assert list(response.context["page"].object_list) == [offer]
    assert _url("review_queue", district) in response.content.decode()


def test_the_list_shows_state_pending_change_and_filters_by_state(
    client, district, coordinator, editor, offer, provider, categories, municipalities
):
    draft = _draft(editor, provider, categories, municipalities)
    services.offer_update(actor=editor, offer=offer, values={"title": "Neuer Titel"})
    _log_in(client, coordinator)

    response = client.get(_url("workspace_list", district))
    rows = {row.pk: row for row in response.context["page"].object_list}
    assert set(rows) == {offer.pk, draft.pk}
    assert rows[offer.pk].pending.state == OfferState.DRAFT
    assert rows[draft.pk].pending is None

    response = client.get(_url("workspace_list", district), {"state": "draft"})
    assert list(response.context["page"].object_list) == [draft]
    response = client.get(_url("workspace_list", district), {"state": "pending_change"})
    assert list(response.context["page"].object_list) == [offer]


def test_the_list_marks_offers_whose_confirmation_is_overdue(client, district, editor, offer):
    Offer.objects.filter(pk=offer.pk).update(last_confirmed_at=LONG_AGO)
    _log_in(client, editor)

    response = client.get(_url("workspace_list", district))

    assert response.context["page"].object_list[0].is_stale


def test_the_list_needs_the_same_number_of_queries_for_10_and_100_offers(
    client, district, coordinator, provider, categories
):
    _log_in(client, coordinator)
    url = _url("workspace_list", district)

    def count_queries():
        client.get(url)  # warm caches (session, roles)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        return len(queries), response.context["page"].paginator.count

    OfferFactory.create_batch(10, district=district, provider=provider, category=categories[0])
    few, rows = count_queries()
    assert rows == 10
    offers = OfferFactory.create_batch(
        90, district=district, provider=provider, category=categories[1], state=OfferState.DRAFT
    )
    services.offer_update(actor=coordinator, offer=offers[0], values={"title": "Ä"})
    many, rows = count_queries()
    assert rows == 100
    assert few == many


# Creating --------------------------------------------------------------------------------------


def test_a_partner_editor_creates_a_draft_with_places_and_times(
    client, district, editor, provider, categories, municipalities
):
    _log_in(client, editor)

    response = client.post(
        _url("offer_create", district), _offer_data(provider, categories[0], municipalities[0])
    )

    offer = Offer.objects.get(title="Sprachcafé")
    assert response.status_code == 302
    assert response["Location"] == _url("workspace_offer", district, pk=offer.pk)
    assert offer.state == OfferState.DRAFT
    assert offer.provider == provider and offer.district == district
    assert sorted(offer.languages.values_list("code", flat=True)) == ["ar", "de"]
    place = offer.places.get()
    assert (place.municipality, place.city) == (municipalities[0], "Crailsheim")
    assert str(place.latitude) == "49.13000"
    time = offer.times.get()
    assert (time.weekday, time.starts_at, time.ends_at) == (
        1,
        datetime.time(15),
        datetime.time(17),
    )
    assert AuditEntry.objects.filter(action="offers.create", actor=editor).exists()


def test_the_form_offers_only_the_own_organisation_and_the_category_tree(
    client, district, editor, provider, categories
):
    OrganisationFactory(district=district, name="Fremder Träger")
    child = CategoryFactory(district=district, parent=categories[0], name="Integrationskurse")
    _log_in(client, editor)

    response = client.get(_url("offer_create", district))

    form = response.context["forms"].form
    assert list(form.fields["provider"].queryset) == [provider]
    labels = [label for _value, label in form.fields["category"].choices]
    index = labels.index(categories[0].name)
    assert labels[index + 1] == "\u00a0" * 4 + child.name
    content = response.content.decode()
    assert "Fremder Träger" not in content
    assert form.fields["description"].help_text == RICH_TEXT_HINT


def test_the_form_lists_target_groups_and_languages_in_their_natural_order(
    client, district, editor
):
    from knotenpunkt.directory.models import LanguageCode, SpokenLanguage
    from knotenpunkt.offers.models import TargetGroup, TargetGroupCode

    for code in TargetGroupCode.values:
        TargetGroup.objects.get_or_create(code=code)
    for code in LanguageCode.values:
        SpokenLanguage.objects.get_or_create(code=code)
    _log_in(client, editor)

    form = client.get(_url("offer_create", district)).context["forms"].form

    groups = [group.code for group in form.fields["target_groups"].queryset]
    assert groups == TargetGroupCode.values  # "Everyone" first, not sorted by code
    languages = [language.code for language in form.fields["languages"].queryset]
    assert languages[:2] == ["de", "en"]


def test_html_in_the_description_is_sanitised(
    client, district, editor, provider, categories, municipalities
):
    _log_in(client, editor)
    client.post(
        _url("offer_create", district),
        _offer_data(
            provider,
            categories[0],
            municipalities[0],
            description='<p onclick="x()">Hallo<script>alert(1)</script></p>',
        ),
    )
    assert Offer.objects.get().description == "<p>Hallo</p>"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("contact_email", "keine-adresse"),
        ("contact_phone", "ruf mich an"),
        ("website", "nicht eine url"),
        ("title", ""),
        ("valid_from", "kein Datum"),
    ],
)
def test_malformed_input_is_a_field_error_and_saves_nothing(
    client, district, editor, provider, categories, municipalities, field, value
):
    _log_in(client, editor)

    response = client.post(
        _url("offer_create", district),
        _offer_data(provider, categories[0], municipalities[0], **{field: value}),
    )

    assert response.status_code == 200
    assert field in response.context["forms"].form.errors
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Offer.objects.exists()
    assert not OfferPlace.objects.exists()


def test_an_end_date_before_the_start_date_is_a_field_error(
    client, district, editor, provider, categories, municipalities
):
    _log_in(client, editor)

    response = client.post(
        _url("offer_create", district),
        _offer_data(
            provider,
            categories[0],
            municipalities[0],
            valid_from="2026-05-01",
            valid_until="2026-04-01",
        ),
    )

    assert response.status_code == 200
    assert "valid_until" in response.context["forms"].form.errors
    assert not Offer.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"places-0-postal_code": "7456"}, "postal_code"),
        ({"places-0-latitude": "120"}, "latitude"),
        ({"places-0-municipality": ""}, "municipality"),
        ({"times-0-date": "2026-06-01"}, "weekday"),
        ({"times-0-weekday": ""}, "weekday"),
        ({"times-0-ends_at": "14:00"}, "ends_at"),
    ],
)
def test_a_bad_place_or_time_is_an_error_at_its_row_and_saves_nothing(
    client, district, editor, provider, categories, municipalities, changes, field
):
    _log_in(client, editor)

    response = client.post(
        _url("offer_create", district),
        _offer_data(provider, categories[0], municipalities[0], **changes),
    )

    assert response.status_code == 200
    forms = response.context["forms"]
    row_errors = [form.errors for form in (*forms.places.forms, *forms.times.forms)]
    assert any(field in errors for errors in row_errors)
    assert not Offer.objects.exists()


def test_an_offer_needs_a_place_unless_it_takes_place_online(
    client, district, editor, provider, categories, municipalities
):
    _log_in(client, editor)
    no_place = {
        "places-0-name": "",
        "places-0-street": "",
        "places-0-postal_code": "",
        "places-0-city": "",
        "places-0-municipality": "",
        "places-0-latitude": "",
        "places-0-longitude": "",
    }

    response = client.post(
        _url("offer_create", district),
        _offer_data(provider, categories[0], municipalities[0], **no_place),
    )
    assert response.status_code == 200
    assert response.context["forms"].places.non_form_errors()
    assert not Offer.objects.exists()

    response = client.post(
        _url("offer_create", district),
        _offer_data(provider, categories[0], municipalities[0], is_online="on", **no_place),
    )
    assert response.status_code == 302
    assert Offer.objects.get().is_online


@pytest.mark.parametrize("what", ["category", "municipality", "provider"])
def test_an_id_of_another_district_answers_404_and_saves_nothing(
    client, district, editor, provider, categories, municipalities, other_district, what
):
    from knotenpunkt.districts.tests.factories import MunicipalityFactory

    foreign = {
        "category": lambda: {"category": CategoryFactory(district=other_district).pk},
        "municipality": lambda: {
            "places-0-municipality": MunicipalityFactory(district=other_district).pk
        },
        "provider": lambda: {"provider": OrganisationFactory(district=other_district).pk},
    }[what]()
    _log_in(client, editor)

    response = client.post(
        _url("offer_create", district),
        _offer_data(provider, categories[0], municipalities[0], **foreign),
    )

    assert response.status_code == 404
    assert not Offer.objects.exists()


def test_a_partner_editor_cannot_create_an_offer_for_another_organisation(
    client, district, editor, provider, categories, municipalities
):
    stranger = OrganisationFactory(district=district)
    _log_in(client, editor)

    response = client.post(
        _url("offer_create", district),
        _offer_data(provider, categories[0], municipalities[0], provider=stranger.pk),
    )

    assert response.status_code == 404
    assert not Offer.objects.exists()


# Editing ------------------------------------------------------------------------------------


def test_editing_a_draft_changes_it_and_can_remove_a_place(
    client, district, editor, provider, categories, municipalities
):
    draft = _draft(editor, provider, categories, municipalities)
    _log_in(client, editor)
    form_page = client.get(_url("offer_edit", district, pk=draft.pk))
    assert form_page.status_code == 200
    assert 'value="Rathaus"' in form_page.content.decode()

    response = client.post(
        _url("offer_edit", district, pk=draft.pk),
        _edit_data(
            draft,
            title="Entwurf 2",
            is_online="on",
            **{"places-0-DELETE": "on"},
        ),
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Entwurf 2"
    assert draft.state == OfferState.DRAFT
    assert not draft.places.exists()


def test_editing_a_published_offer_edits_its_pending_change_and_the_public_text_stays(
    client, district, editor, offer, german
):
    published_title = offer.title
    _log_in(client, editor)

    response = client.post(
        _url("offer_edit", district, pk=offer.pk), _edit_data(offer, title="Neuer Titel")
    )

    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title == published_title
    pending = Offer.objects.get(revision_of=offer)
    assert (pending.title, pending.state) == ("Neuer Titel", OfferState.DRAFT)
    assert list(selectors.public_offers(district=district)) == [offer]

    page = client.get(_url("workspace_offer", district, pk=offer.pk))
    differences = page.context["differences"]
    assert [label for label, _old, _new in differences] == [german("title")]
    assert differences[0][1:] == (published_title, "Neuer Titel")
    # The edit form now shows the pending change.
    form_page = client.get(_url("offer_edit", district, pk=offer.pk)).content.decode()
    assert 'value="Neuer Titel"' in form_page


def test_saving_a_published_offer_unchanged_creates_no_pending_change(
    client, district, editor, offer
):
    _log_in(client, editor)

    response = client.post(_url("offer_edit", district, pk=offer.pk), _edit_data(offer))

    assert response.status_code == 302
    assert not Offer.objects.filter(revision_of=offer).exists()
    assert not AuditEntry.objects.filter(action="offers.update").exists()


def _in_german(message):
    with translation.override("de"):
        return escape(str(message))


def _fingerprint(client, district, offer):
    """Open the edit form of ``offer`` and return the fingerprint it carries."""
    page = client.get(_url("offer_edit", district, pk=offer.pk))
    fingerprint = page.context["forms"].form["fingerprint"].value()
    assert f'name="fingerprint" value="{fingerprint}"' in page.content.decode()
    return fingerprint


def test_an_edit_of_an_offer_a_colleague_changed_meanwhile_is_refused_and_shows_the_change(
    client, district, editor, coordinator, offer
):
    _log_in(client, editor)
    fingerprint = _fingerprint(client, district, offer)
    services.offer_update(actor=coordinator, offer=offer, values={"title": "Von der Kollegin"})

    response = client.post(
        _url("offer_edit", district, pk=offer.pk),
        _edit_data(offer, title="Vom Redakteur", fingerprint=fingerprint),
    )

    assert response.status_code == 409
    assert _in_german(STALE_EDIT_MESSAGE) in response.content.decode()
    assert response.context["forms"].form["title"].value() == "Von der Kollegin"
    assert Offer.objects.get(revision_of=offer).title == "Von der Kollegin"
    assert AuditEntry.objects.filter(action="offers.update").count() == 1


def test_an_edit_whose_offer_nobody_changed_meanwhile_is_saved(client, district, editor, offer):
    _log_in(client, editor)
    fingerprint = _fingerprint(client, district, offer)

    response = client.post(
        _url("offer_edit", district, pk=offer.pk),
        _edit_data(offer, title="Neuer Titel", fingerprint=fingerprint),
    )

    assert response.status_code == 302
    assert Offer.objects.get(revision_of=offer).title == "Neuer Titel"


def test_a_bad_edit_changes_nothing(client, district, editor, offer, other_district):
    before = Offer.objects.values().get(pk=offer.pk)
    _log_in(client, editor)

    response = client.post(
        _url("offer_edit", district, pk=offer.pk),
        _edit_data(offer, title="Geändert", contact_email="kaputt@"),
    )
    assert response.status_code == 200
    response = client.post(
        _url("offer_edit", district, pk=offer.pk),
        _edit_data(offer, title="Geändert", category=CategoryFactory(district=other_district).pk),
    )
    assert response.status_code == 404

    assert Offer.objects.values().get(pk=offer.pk) == before
    assert not Offer.objects.filter(revision_of=offer).exists()


def test_a_partner_editor_gets_404_for_another_organisations_offer_and_changes_nothing(
    client, district, editor, elsewhere
):
    _log_in(client, editor)
    for name in ("workspace_offer", "offer_edit", "offer_archive"):
        assert client.get(_url(name, district, pk=elsewhere.pk)).status_code == 404
    assert (
        client.get(_url("translation_edit", district, pk=elsewhere.pk, language="ar")).status_code
        == 404
    )
    for name in ("offer_edit", "offer_submit", "offer_confirm_now", "offer_archive"):
        response = client.post(
            _url(name, district, pk=elsewhere.pk), _edit_data(elsewhere, title="Gekapert")
        )
        assert response.status_code == 404, name
    response = client.post(
        _url("translation_edit", district, pk=elsewhere.pk, language="ar"),
        {"title": "x", "summary": "x"},
    )
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert (elsewhere.title, elsewhere.state) == ("Anderswo", OfferState.PUBLISHED)
    assert not Offer.objects.filter(revision_of=elsewhere).exists()
    assert not AuditEntry.objects.exists()


def test_an_offer_of_another_district_answers_404(client, district, coordinator, other_offer):
    _log_in(client, coordinator)
    for name in ("workspace_offer", "offer_edit", "offer_reject", "offer_archive"):
        assert client.get(_url(name, district, pk=other_offer.pk)).status_code == 404
    for name in ("offer_publish", "offer_submit", "offer_archive", "offer_confirm_now"):
        assert client.post(_url(name, district, pk=other_offer.pk)).status_code == 404


def test_a_pending_change_has_no_page_of_its_own(client, district, editor, offer):
    pending = services.offer_update(actor=editor, offer=offer, values={"title": "Neu"})
    _log_in(client, editor)
    assert client.get(_url("workspace_offer", district, pk=pending.pk)).status_code == 404


# Review ---------------------------------------------------------------------------------------


def test_a_partner_editor_submits_but_cannot_publish_and_a_coordinator_publishes(
    client, district, editor, coordinator, provider, categories, municipalities
):
    draft = _draft(editor, provider, categories, municipalities)
    _log_in(client, editor)

    response = client.post(_url("offer_submit", district, pk=draft.pk))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == OfferState.IN_REVIEW
    page = client.get(_url("workspace_offer", district, pk=draft.pk))
    assert not page.context["can_publish"]
    assert _url("offer_publish", district, pk=draft.pk) not in page.content.decode()
    assert client.post(_url("offer_publish", district, pk=draft.pk)).status_code == 403
    draft.refresh_from_db()
    assert draft.state == OfferState.IN_REVIEW

    _log_in(client, coordinator)
    queue = client.get(_url("review_queue", district))
    assert list(queue.context["offers"]) == [draft]
    page = client.get(_url("workspace_offer", district, pk=draft.pk))
    assert _url("offer_publish", district, pk=draft.pk) in page.content.decode()
    response = client.post(_url("offer_publish", district, pk=draft.pk))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == OfferState.PUBLISHED
    assert draft in selectors.public_offers(district=district)


def test_publishing_a_pending_change_updates_the_public_offer(
    client, district, editor, coordinator, offer
):
    _log_in(client, editor)
    client.post(_url("offer_edit", district, pk=offer.pk), _edit_data(offer, title="Neuer Titel"))
    client.post(_url("offer_submit", district, pk=offer.pk))
    pending = Offer.objects.get(revision_of=offer)
    assert pending.state == OfferState.IN_REVIEW

    _log_in(client, coordinator)
    assert list(client.get(_url("review_queue", district)).context["offers"]) == [pending]
    client.post(_url("offer_publish", district, pk=offer.pk))

    offer.refresh_from_db()
    assert offer.title == "Neuer Titel"
    assert not Offer.objects.filter(revision_of=offer).exists()
    actions = list(
        selectors.offer_history(district=district, offer=offer).values_list("action", flat=True)
    )
    assert actions == ["offers.publish_change", "offers.submit", "offers.update"]


def test_sending_back_needs_a_note_and_the_editor_sees_it(
    client, district, editor, coordinator, provider, categories, municipalities
):
    draft = _draft(editor, provider, categories, municipalities)
    services.offer_submit(actor=editor, offer=draft)
    _log_in(client, coordinator)
    url = _url("offer_reject", district, pk=draft.pk)

    response = client.post(url, {"note": "  "})
    assert response.status_code == 200
    assert "note" in response.context["form"].errors
    draft.refresh_from_db()
    assert draft.state == OfferState.IN_REVIEW

    response = client.post(url, {"note": "Bitte die Uhrzeit ergänzen."})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.state, draft.review_note) == (OfferState.DRAFT, "Bitte die Uhrzeit ergänzen.")

    _log_in(client, editor)
    page = client.get(_url("workspace_offer", district, pk=draft.pk)).content.decode()
    assert "Bitte die Uhrzeit ergänzen." in page
    assert client.post(url, {"note": "Selbst zurück"}).status_code == 403


def test_a_municipal_coordinator_reviews_only_the_own_municipality(
    client, district, users, elsewhere
):
    Offer.objects.filter(pk=elsewhere.pk).update(state=OfferState.IN_REVIEW)
    _log_in(client, users[Role.MUNICIPAL_COORDINATOR])

    assert list(client.get(_url("review_queue", district)).context["offers"]) == []
    assert client.post(_url("offer_publish", district, pk=elsewhere.pk)).status_code == 404
    assert client.get(_url("offer_reject", district, pk=elsewhere.pk)).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.state == OfferState.IN_REVIEW


def test_publishing_something_not_publishable_explains_why(client, district, coordinator, offer):
    _log_in(client, coordinator)
    response = client.post(_url("offer_publish", district, pk=offer.pk), follow=True)
    assert response.status_code == 200
    assert [message.level_tag for message in response.context["messages"]] == ["error"]


# Archive and confirmation ---------------------------------------------------------------------


def test_an_editor_archives_an_offer_after_a_question(client, district, editor, offer):
    _log_in(client, editor)
    url = _url("offer_archive", district, pk=offer.pk)
    assert client.get(url).status_code == 200
    offer.refresh_from_db()
    assert offer.state == OfferState.PUBLISHED

    assert client.post(url).status_code == 302
    offer.refresh_from_db()
    assert offer.state == OfferState.ARCHIVED
    assert offer not in selectors.public_offers(district=district)
    response = client.get(_url("offer_edit", district, pk=offer.pk))
    assert response.status_code == 302


def test_still_valid_confirms_a_published_offer(client, district, editor, offer):
    Offer.objects.filter(pk=offer.pk).update(last_confirmed_at=LONG_AGO)
    _log_in(client, editor)

    response = client.post(_url("offer_confirm_now", district, pk=offer.pk))

    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.last_confirmed_at == timezone.localdate()
    assert AuditEntry.objects.get(action="offers.confirm").actor == editor


def test_the_link_of_the_reminder_confirms_without_login_but_only_on_post(
    client, district, offer, german
):
    Offer.objects.filter(pk=offer.pk).update(last_confirmed_at=LONG_AGO)
    offer.refresh_from_db()
    url = _url("confirm", district, token=confirm_token(offer))

    page = client.get(url)
    assert page.status_code == 200
    assert page.context["outcome"] == "ask"
    assert offer.title in page.content.decode()
    offer.refresh_from_db()
    assert offer.last_confirmed_at == LONG_AGO

    response = client.post(url)
    assert response.status_code == 200
    assert response.context["outcome"] == "confirmed"
    offer.refresh_from_db()
    assert offer.last_confirmed_at == timezone.localdate()
    entry = AuditEntry.objects.get(action="offers.confirm")
    assert entry.actor is None

    # The same link again: confirmed since, nothing more to do.
    again = client.post(url)
    assert again.context["outcome"] == "already_confirmed"
    assert AuditEntry.objects.filter(action="offers.confirm").count() == 1


def test_an_altered_or_foreign_confirmation_link_answers_404(
    client, district, offer, other_offer, other_district
):
    token = confirm_token(offer)
    assert client.get(_url("confirm", district, token=token[:-2] + "xx")).status_code == 404
    assert client.get(_url("confirm", district, token="kaputt")).status_code == 404
    forged = signing.dumps([offer.pk, ""], salt="another.salt")
    assert client.get(_url("confirm", district, token=forged)).status_code == 404
    # A valid token of another district's offer, or a valid token under another district.
    assert client.get(_url("confirm", district, token=confirm_token(other_offer))).status_code == (
        404
    )
    assert client.post(_url("confirm", other_district, token=token)).status_code == 404
    offer.refresh_from_db()
    assert not AuditEntry.objects.exists()


def test_an_expired_confirmation_link_says_so(client, district, offer):
    long_ago = timezone.now() - datetime.timedelta(days=61)
    with mock.patch("django.core.signing.time.time", return_value=long_ago.timestamp()):
        token = confirm_token(offer)

    response = client.post(_url("confirm", district, token=token))

    assert response.status_code == 200
    assert response.context["outcome"] == "expired"
    assert not AuditEntry.objects.exists()


def test_an_archived_offer_cannot_be_confirmed_by_link(client, district, offer):
    token = confirm_token(offer)
    Offer.objects.filter(pk=offer.pk).update(state=OfferState.ARCHIVED)

    response = client.post(_url("confirm", district, token=token))

    assert response.context["outcome"] == "not_published"
    assert not AuditEntry.objects.exists()


# Translations ---------------------------------------------------------------------------------


def test_an_editor_translates_into_arabic_beside_the_german_text(client, district, editor, offer):
    _log_in(client, editor)
    url = _url("translation_edit", district, pk=offer.pk, language="ar")

    page = client.get(url)
    content = page.content.decode()
    assert page.status_code == 200
    assert offer.summary in content
    assert 'name="title"' in content
    assert 'dir="rtl"' in content and 'lang="ar"' in content

    response = client.post(
        url,
        {
            "title": "مقهى اللغة",
            "summary": "تحدث الألمانية",
            "description": "<script>x</script><p>مرحبا</p>",
        },
    )

    assert response.status_code == 302
    translation = OfferTranslation.objects.get(offer=offer, language="ar")
    assert translation.is_current
    assert translation.description == "<p>مرحبا</p>"
    rows = client.get(_url("workspace_offer", district, pk=offer.pk)).context["translations"]
    assert {row["code"]: row["status"] for row in rows}["ar"] == "current"


def test_a_left_to_right_translation_is_written_left_to_right(client, district, editor, offer):
    _log_in(client, editor)
    content = client.get(
        _url("translation_edit", district, pk=offer.pk, language="uk")
    ).content.decode()
    assert 'dir="ltr"' in content and 'lang="uk"' in content
    assert 'dir="rtl"' not in content.split("<main", 1)[1]


@pytest.mark.parametrize("language", ["de", "xx"])
def test_a_language_that_is_not_translated_into_answers_404(
    client, district, editor, offer, language
):
    _log_in(client, editor)
    url = _url("translation_edit", district, pk=offer.pk, language=language)
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "x", "summary": "x"}).status_code == 404
    assert not OfferTranslation.objects.exists()


def test_an_empty_translation_is_a_field_error(client, district, editor, offer):
    _log_in(client, editor)
    response = client.post(
        _url("translation_edit", district, pk=offer.pk, language="ar"), {"title": "", "summary": ""}
    )
    assert response.status_code == 200
    assert {"title", "summary"} <= set(response.context["form"].errors)
    assert not OfferTranslation.objects.exists()


def test_translations_overview_lists_missing_and_outdated_per_language(
    client, district, users, coordinator, offer, elsewhere
):
    OfferTranslationFactory(offer=offer, language="ar")
    OfferTranslationFactory(offer=elsewhere, language="ar", source_hash="alt")
    _log_in(client, users[Role.MUNICIPAL_COORDINATOR])

    response = client.get(_url("translations_overview", district))

    sections = {section["code"]: section for section in response.context["sections"]}
    assert "de" not in sections
    assert sections["ar"]["missing"] == []
    assert sections["ar"]["outdated"] == [elsewhere]
    assert {o.pk for o in sections["en"]["missing"]} == {offer.pk, elsewhere.pk}
    content = response.content.decode()
    # The coordinator translates the own municipality's offer, and sees the other one listed.
    assert _url("translation_edit", district, pk=offer.pk, language="en") in content
    assert _url("translation_edit", district, pk=elsewhere.pk, language="ar") not in content
    assert "Anderswo" in content


def test_an_editor_deletes_a_translation(client, district, editor, offer):
    OfferTranslationFactory(offer=offer, language="ar")
    _log_in(client, editor)
    url = _url("translation_delete", district, pk=offer.pk, language="ar")

    assert client.post(url).status_code == 302
    assert not OfferTranslation.objects.exists()
    assert client.post(url).status_code == 404


# Overviews and categories -----------------------------------------------------------------------


def test_the_stale_list_shows_offers_not_confirmed_within_the_period(
    client, district, users, offer, elsewhere
):
    Offer.objects.filter(pk__in=[offer.pk, elsewhere.pk]).update(last_confirmed_at=LONG_AGO)
    fresh = OfferFactory(district=district, provider=offer.provider, category=offer.category)
    _log_in(client, users[Role.MUNICIPAL_COORDINATOR])

    response = client.get(_url("stale", district))

    assert {o.pk for o in response.context["offers"]} == {offer.pk, elsewhere.pk}
    assert fresh.pk not in {o.pk for o in response.context["offers"]}
    content = response.content.decode()
    assert _url("workspace_offer", district, pk=offer.pk) in content
    assert _url("workspace_offer", district, pk=elsewhere.pk) not in content


def test_a_coordinator_adds_and_edits_categories(client, district, coordinator, categories):
    _log_in(client, coordinator)

    response = client.post(
        _url("categories", district),
        {
            "name": "Integrationskurse",
            "parent": categories[0].pk,
            "position": "1",
            "name_en": "Integration courses",
        },
    )

    assert response.status_code == 302
    category = Category.objects.get(name="Integrationskurse")
    assert (category.parent, category.slug) == (categories[0], "integrationskurse")
    assert category.translations == {"en": "Integration courses"}
    page = client.get(_url("categories", district)).content.decode()
    assert _url("category_edit", district, pk=category.pk) in page

    response = client.post(
        _url("category_edit", district, pk=category.pk),
        {
            "name": "Sprachkurse",
            "slug": "sprachkurse",
            "parent": "",
            "position": "0",
            "name_ar": "دورات",
        },
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert (category.name, category.parent, category.translations) == (
        "Sprachkurse",
        None,
        {"ar": "دورات"},
    )
    assert AuditEntry.objects.filter(action="offers.category_save").count() == 2


def test_a_category_cannot_be_its_own_ancestor_or_have_a_foreign_parent(
    client, district, coordinator, categories, other_district
):
    child = CategoryFactory(district=district, parent=categories[0], name="Kind")
    _log_in(client, coordinator)
    url = _url("category_edit", district, pk=categories[0].pk)

    response = client.post(
        url, {"name": "Sprache", "slug": "sprache", "parent": child.pk, "position": "0"}
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors

    foreign = CategoryFactory(district=other_district)
    response = client.post(
        url, {"name": "Sprache", "slug": "sprache", "parent": foreign.pk, "position": "0"}
    )
    assert response.status_code == 404
    categories[0].refresh_from_db()
    assert categories[0].parent is None


def test_a_duplicate_short_name_is_a_field_error(client, district, coordinator, categories):
    _log_in(client, coordinator)
    response = client.post(
        _url("categories", district), {"name": "Sprache", "slug": "sprache", "position": "0"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Category.objects.filter(slug="sprache").count() == 1


def test_an_empty_district_gets_its_default_categories_with_one_button(
    client, district, coordinator
):
    Category.objects.in_district(district).delete()
    _log_in(client, coordinator)
    page = client.get(_url("categories", district)).content.decode()
    assert _url("category_defaults", district) in page

    response = client.post(_url("category_defaults", district))

    assert response.status_code == 302
    assert Category.objects.in_district(district).count() == len(
        categories_module.DEFAULT_CATEGORIES
    )
    page = client.get(_url("categories", district)).content.decode()
    assert _url("category_defaults", district) not in page


def test_the_navigation_links_the_offers_workspace_for_editors_and_reviewers(
    client, district, users, editor
):
    url = _url("workspace_list", district)
    for role in (Role.PARTNER_EDITOR, Role.MUNICIPAL_COORDINATOR, Role.DISTRICT_COORDINATOR):
        _log_in(client, users[role])
        navigation = client.get(reverse("workspace:home", args=[district.slug]))
        assert url in _workspace_links(navigation), role
    _log_in(client, users[Role.VOLUNTEER])
    navigation = client.get(reverse("workspace:home", args=[district.slug]))
    assert url not in _workspace_links(navigation)


def _workspace_links(response):
    return [
        link.url for section in response.context["workspace_navigation"] for link in section.links
    ]
