"""Writing, review, publication, freshness and translations of offers."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from knotenpunkt.core.lifecycle.changes import StaleEdit
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.core.roles import Role
from knotenpunkt.offers import categories as categories_module
from knotenpunkt.offers import selectors, services
from knotenpunkt.offers.models import Offer, OfferState

from .factories import CategoryFactory, OfferFactory, OfferTranslationFactory


def _values(provider, category, **extra):
    return {
        "title": "Sprachcafé",
        "summary": "Deutsch sprechen bei Kaffee und Kuchen.",
        "description": "<p>Jeden <strong>Dienstag</strong>.</p>",
        "provider": provider,
        "category": category,
        **extra,
    }


def test_a_partner_editor_creates_a_draft_for_the_own_organisation(
    users, provider, categories, municipalities
):
    editor = users[Role.PARTNER_EDITOR]

    offer = services.offer_create(
        actor=editor,
        district=provider.district,
        values=_values(provider, categories[0], languages=["ar", "de"]),
        places=[{"name": "Bürgerhaus", "city": "Oberbach", "municipality": municipalities[0]}],
        times=[{"weekday": 1, "starts_at": datetime.time(15), "ends_at": datetime.time(17)}],
    )

    assert offer.state == OfferState.DRAFT
    assert sorted(offer.languages.values_list("code", flat=True)) == ["ar", "de"]
    assert offer.places.get().municipality == municipalities[0]
    assert "Sprachcafé" in offer.search_text and "Oberbach" in offer.search_text
    assert AuditEntry.objects.filter(action="offers.create", actor=editor).exists()


def test_a_partner_editor_cannot_create_an_offer_for_another_organisation(
    users, district, categories
):
    from knotenpunkt.directory.tests.factories import OrganisationFactory

    stranger = OrganisationFactory(district=district)

    with pytest.raises(PermissionDenied):
        services.offer_create(
            actor=users[Role.PARTNER_EDITOR],
            district=district,
            values=_values(stranger, categories[0]),
        )


def test_scripts_are_removed_from_the_description(users, provider, categories):
    offer = services.offer_create(
        actor=users[Role.PARTNER_EDITOR],
        district=provider.district,
        values=_values(
            provider,
            categories[0],
            description='<p onclick="x()">Hallo<script>alert(1)</script></p>'
            '<a href="javascript:alert(1)">Link</a><style>p{}</style>',
        ),
    )

    assert offer.description == '<p>Hallo</p><a rel="noopener noreferrer nofollow">Link</a>'


def test_an_end_date_before_the_start_date_is_a_field_error(users, provider, categories):
    with pytest.raises(ValidationError) as error:
        services.offer_create(
            actor=users[Role.PARTNER_EDITOR],
            district=provider.district,
            values=_values(
                provider,
                categories[0],
                valid_from=datetime.date(2026, 5, 1),
                valid_until=datetime.date(2026, 4, 1),
            ),
        )

    assert "valid_until" in error.value.message_dict
    assert not Offer.objects.exists()


def test_a_category_of_another_district_is_refused(users, provider, other_district):
    from .factories import CategoryFactory

    foreign = CategoryFactory(district=other_district)

    with pytest.raises(ValidationError):
        services.offer_create(
            actor=users[Role.PARTNER_EDITOR],
            district=provider.district,
            values=_values(provider, foreign),
        )


def test_a_partner_editor_submits_but_cannot_publish(users, provider, categories):
    editor = users[Role.PARTNER_EDITOR]
    offer = services.offer_create(
        actor=editor, district=provider.district, values=_values(provider, categories[0])
    )

    services.offer_submit(actor=editor, offer=offer)

    assert offer.state == OfferState.IN_REVIEW
    with pytest.raises(PermissionDenied):
        services.offer_publish(actor=editor, offer=offer)


def test_submitting_notifies_the_reviewers_by_e_mail(
    users, provider, categories, django_capture_on_commit_callbacks
):
    editor = users[Role.PARTNER_EDITOR]
    offer = services.offer_create(
        actor=editor, district=provider.district, values=_values(provider, categories[0])
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.offer_submit(actor=editor, offer=offer)

    recipients = {address for message in mail.outbox for address in message.to}
    assert users[Role.DISTRICT_COORDINATOR].email in recipients
    assert users[Role.MUNICIPAL_COORDINATOR].email in recipients
    assert editor.email not in recipients


def test_a_coordinator_publishes_an_offer_in_review(users, provider, categories):
    editor = users[Role.PARTNER_EDITOR]
    offer = services.offer_create(
        actor=editor, district=provider.district, values=_values(provider, categories[0])
    )
    services.offer_submit(actor=editor, offer=offer)

    services.offer_publish(actor=users[Role.DISTRICT_COORDINATOR], offer=offer)

    assert offer.state == OfferState.PUBLISHED
    assert offer in selectors.public_offers(district=provider.district)


def test_a_change_to_a_published_offer_waits_for_review_while_the_old_text_stays_public(
    users, offer
):
    editor = users[Role.PARTNER_EDITOR]

    revision = services.offer_update(actor=editor, offer=offer, values={"title": "Neuer Titel"})

    assert revision.pk != offer.pk and revision.revision_of == offer
    public = selectors.public_offers(district=offer.district)
    assert list(public) == [offer]
    offer.refresh_from_db()
    assert offer.title != "Neuer Titel"

    services.offer_submit(actor=editor, offer=revision)
    published = services.offer_publish(actor=users[Role.DISTRICT_COORDINATOR], offer=revision)

    assert published.pk == offer.pk
    assert published.title == "Neuer Titel"
    assert not Offer.objects.filter(pk=revision.pk).exists()
    assert list(public.all()) == [offer]


def test_changing_the_german_text_marks_translations_outdated(users, offer):
    arabic = OfferTranslationFactory(offer=offer, language="ar", title="مقهى اللغة")
    assert arabic.is_current

    revision = services.offer_update(
        actor=users[Role.DISTRICT_COORDINATOR], offer=offer, values={"summary": "Neu."}
    )
    services.offer_submit(actor=users[Role.DISTRICT_COORDINATOR], offer=revision)
    services.offer_publish(actor=users[Role.DISTRICT_COORDINATOR], offer=revision)

    arabic.refresh_from_db()
    offer.refresh_from_db()
    assert arabic.offer.text_hash == offer.text_hash
    assert not arabic.is_current
    overview = selectors.translations_overview(district=offer.district, languages=["ar", "en"])
    assert overview["ar"]["outdated"] == [offer]
    assert overview["en"]["missing"] == [offer]


def test_a_translation_saved_now_is_current(users, offer):
    translation = services.translation_save(
        actor=users[Role.PARTNER_EDITOR],
        offer=offer,
        language="ar",
        title="مقهى اللغة",
        summary="تحدث الألمانية",
        description="<script>x</script><p>مرحبا</p>",
    )

    assert translation.is_current
    assert translation.description == "<p>مرحبا</p>"
    assert selectors.translation_for(offer, "ar") == translation
    offer.refresh_from_db()
    assert "مقهى اللغة" in offer.search_text


def test_an_unknown_translation_language_is_refused(users, offer):
    with pytest.raises(ValidationError):
        services.translation_save(
            actor=users[Role.PARTNER_EDITOR], offer=offer, language="xx", title="x", summary="x"
        )


def test_unconfirmed_offers_leave_the_public_catalogue(district, offer):
    district.offer_review_months = 6
    offer.last_confirmed_at = timezone.localdate() - datetime.timedelta(days=200)
    offer.save(update_fields=["last_confirmed_at"])

    assert offer not in selectors.public_offers(district=district)
    assert offer in selectors.stale_offers(district=district)


def test_confirming_brings_a_stale_offer_back(users, district, offer):
    offer.last_confirmed_at = timezone.localdate() - datetime.timedelta(days=400)
    offer.save(update_fields=["last_confirmed_at"])

    services.offer_confirm(actor=users[Role.PARTNER_EDITOR], offer=offer)

    assert offer in selectors.public_offers(district=district)


def test_offers_past_their_end_date_are_archived(district, offer):
    offer.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    offer.save(update_fields=["valid_until"])

    assert services.archive_expired_offers(district=district) == 1

    offer.refresh_from_db()
    assert offer.state == OfferState.ARCHIVED


def test_the_reminder_goes_out_two_weeks_before_the_deadline(
    users, district, offer, django_capture_on_commit_callbacks
):
    from knotenpunkt.offers.tasks import send_confirmation_reminder

    deadline_soon = timezone.localdate() - services.review_period(district)
    offer.last_confirmed_at = deadline_soon + datetime.timedelta(days=10)
    offer.save(update_fields=["last_confirmed_at"])

    due = list(services.offers_due_for_reminder(district))
    assert due == [offer]
    with django_capture_on_commit_callbacks(execute=True):
        send_confirmation_reminder.enqueue(offer.pk)

    assert [message.to for message in mail.outbox] == [[users[Role.PARTNER_EDITOR].email]]
    assert "/angebote/bestaetigen/" in mail.outbox[0].body
    offer.refresh_from_db()
    assert offer.reminded_at is not None
    assert list(services.offers_due_for_reminder(district)) == []


def test_a_municipal_coordinator_reviews_only_the_own_municipalitys_offers(
    users, district, categories, municipalities
):
    from knotenpunkt.directory.tests.factories import OrganisationFactory

    elsewhere = OrganisationFactory(district=district, municipality=municipalities[1])
    offer = OfferFactory(
        district=district, provider=elsewhere, category=categories[0], state=OfferState.IN_REVIEW
    )

    with pytest.raises(PermissionDenied):
        services.offer_publish(actor=users[Role.MUNICIPAL_COORDINATOR], offer=offer)


def test_a_new_district_gets_the_default_categories_in_every_language_of_the_site(db):
    from django.conf import settings

    from knotenpunkt.districts.tests.factories import DistrictFactory
    from knotenpunkt.offers.models import Category

    district = DistrictFactory()
    categories_module.ensure_default_categories(district)

    languages = [code for code, _name in settings.LANGUAGES if code != "de"]
    for category in Category.objects.in_district(district):
        for language in languages:
            assert category.label(language) != category.name, (category.slug, language)


def test_the_audit_entry_of_a_change_keeps_the_codes_of_languages_and_target_groups(users, offer):
    services.offer_update(
        actor=users[Role.DISTRICT_COORDINATOR],
        offer=offer,
        values={"languages": ["uk", "ar"], "target_groups": ["women"]},
    )

    entry = AuditEntry.objects.get(action="offers.update")
    assert entry.changes == {"languages": "ar, uk", "target_groups": "women"}


def test_an_edit_of_an_offer_changed_meanwhile_is_refused_and_changes_nothing(users, offer):
    coordinator = users[Role.DISTRICT_COORDINATOR]
    shown = services.OFFER_EDIT.fingerprint(offer)
    services.offer_update(actor=coordinator, offer=offer, values={"title": "Vom Kollegen"})

    with pytest.raises(StaleEdit):
        services.offer_update(
            actor=users[Role.PARTNER_EDITOR],
            offer=offer,
            values={"summary": "Meine Änderung."},
            fingerprint=shown,
        )

    pending = Offer.objects.get(revision_of=offer)
    assert (pending.title, pending.summary) == ("Vom Kollegen", offer.summary)
    assert AuditEntry.objects.filter(action="offers.update").count() == 1


def test_an_edit_with_the_fingerprint_of_the_pending_change_it_showed_is_saved(users, offer):
    coordinator = users[Role.DISTRICT_COORDINATOR]
    pending = services.offer_update(actor=coordinator, offer=offer, values={"title": "Erst"})
    shown = services.OFFER_EDIT.fingerprint(pending)

    changed = services.offer_update(
        actor=coordinator, offer=offer, values={"title": "Dann"}, fingerprint=shown
    )

    assert (changed.pk, changed.title) == (pending.pk, "Dann")


def test_renaming_a_category_lets_the_search_find_its_offers_by_the_new_name(
    users, district, offer, categories
):
    from knotenpunkt.offers.search import offer_search

    child = CategoryFactory(district=district, parent=categories[0], name="Integrationskurse")
    course = OfferFactory(district=district, provider=offer.provider, category=child)

    categories_module.category_save(
        actor=users[Role.DISTRICT_COORDINATOR],
        district=district,
        category=categories[0],
        values={"name": "Deutsch lernen", "translations": {"en": "Learning German"}},
    )

    def found(query):
        return list(offer_search(selectors.public_offers(district=district), query=query))

    assert found("Deutsch lernen") == [offer]
    assert found("Learning German") == [offer]
    # The search text holds only the offer's own category: its sub-category's offers keep theirs.
    assert found("Integrationskurse") == [course]
    entry = AuditEntry.objects.get(action="offers.category_save")
    assert entry.changes["name"] == "Deutsch lernen"


def test_the_review_mails_are_recorded_with_the_submitting_editor_once_per_reviewer(
    users, provider, categories, django_capture_on_commit_callbacks
):
    from knotenpunkt.notifications.models import Notification
    from knotenpunkt.outbox.models import OutgoingMail

    editor = users[Role.PARTNER_EDITOR]
    offer = services.offer_create(
        actor=editor, district=provider.district, values=_values(provider, categories[0])
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_submit(actor=editor, offer=offer)

    rows = OutgoingMail.objects.filter(kind="notifications.offers.review_requested")
    notifications = Notification.objects.filter(kind="offers.review_requested")
    assert len(mail.outbox) == rows.count() == notifications.count() >= 2
    assert {row.sender for row in rows} == {editor}
    assert {row.recipient for row in rows} >= {
        users[Role.DISTRICT_COORDINATOR],
        users[Role.MUNICIPAL_COORDINATOR],
    }
    assert {row.dedupe_key for row in rows} == {
        f"notification:{notification.pk}" for notification in notifications
    }
