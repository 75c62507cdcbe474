"""Review: the states of a reviewed record and its pending change.

Offers serve as the example ``ReviewedModel``; the content copied is chosen by the test.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError

from knotenpunkt.core.lifecycle import review
from knotenpunkt.core.lifecycle.review import ReviewState
from knotenpunkt.directory.models import SpokenLanguage
from knotenpunkt.offers.models import Offer, OfferPlace
from knotenpunkt.offers.services import OFFER_FIELDS
from knotenpunkt.offers.tests.factories import OfferFactory, OfferPlaceFactory


def _copy_places(source, target):
    target.places.all().delete()
    for place in source.places.all():
        OfferPlace.objects.create(
            district=target.district, offer=target, name=place.name, municipality=place.municipality
        )


CONTENT = review.Content(fields=OFFER_FIELDS, m2m_fields=("languages",), copy_rows=_copy_places)


@pytest.fixture
def published(district, municipalities):
    offer = OfferFactory(district=district, title="Sprachcafé", review_note="Alt")
    offer.languages.set(SpokenLanguage.objects.filter(code__in=["ar", "de"]))
    OfferPlaceFactory(offer=offer, municipality=municipalities[0], name="Rathaus")
    return offer


def test_a_draft_is_changed_itself(district):
    draft = OfferFactory(district=district, state=ReviewState.DRAFT)

    assert review.change_target(draft, content=CONTENT) == (draft, False)


def test_a_published_record_is_changed_through_a_pending_copy_made_once(published):
    change, created = review.change_target(published, content=CONTENT)

    assert created
    assert (change.revision_of, change.state, change.district) == (
        published,
        ReviewState.DRAFT,
        published.district,
    )
    assert (change.title, change.summary) == (published.title, published.summary)
    assert set(change.languages.values_list("code", flat=True)) == {"ar", "de"}
    assert list(change.places.values_list("name", flat=True)) == ["Rathaus"]
    assert change.published_at is None
    assert review.change_target(published, content=CONTENT) == (change, False)
    assert review.pending_change(published) == change


def test_an_archived_record_cannot_be_changed(district):
    archived = OfferFactory(district=district, state=ReviewState.ARCHIVED)

    with pytest.raises(ValidationError):
        review.change_target(archived, content=CONTENT)


def test_a_pending_change_that_changed_nothing_is_dropped(published):
    change, created = review.change_target(published, content=CONTENT)

    kept = review.settle_change(published, change, created=created, changed=False)

    assert not kept
    assert review.pending_change(published) is None


def test_a_submitted_pending_change_changed_again_goes_back_to_draft(published):
    change, _created = review.change_target(published, content=CONTENT)
    review.submit(change)

    again, created = review.change_target(published, content=CONTENT)
    kept = review.settle_change(published, again, created=created, changed=True)

    again.refresh_from_db()
    assert kept and again.state == ReviewState.DRAFT


def test_only_a_draft_is_submitted(district):
    draft = OfferFactory(district=district, state=ReviewState.DRAFT)

    review.submit(draft)

    assert Offer.objects.get(pk=draft.pk).state == ReviewState.IN_REVIEW
    with pytest.raises(ValidationError):
        review.submit(draft)


def test_a_first_publication_dates_the_record_and_clears_the_note(district):
    draft = OfferFactory(
        district=district, state=ReviewState.IN_REVIEW, published_at=None, review_note="Bitte"
    )
    today = datetime.date(2026, 7, 1)

    published = review.publish(draft, content=CONTENT, values={"last_confirmed_at": today})

    published.refresh_from_db()
    assert published.state == ReviewState.PUBLISHED
    assert published.published_at is not None
    assert (published.review_note, published.last_confirmed_at) == ("", today)


def test_publishing_a_pending_change_copies_it_into_the_record_and_deletes_it(published):
    first_published = published.published_at
    change, _created = review.change_target(published, content=CONTENT)
    change.title = "Sprachcafé am Abend"
    change.save()
    change.languages.set(SpokenLanguage.objects.filter(code="uk"))
    OfferPlace.objects.filter(offer=change).update(name="Bürgerhaus")

    result = review.publish(change, content=CONTENT)

    published.refresh_from_db()
    assert result == published
    assert (published.title, published.review_note) == ("Sprachcafé am Abend", "")
    assert published.published_at == first_published
    assert list(published.languages.values_list("code", flat=True)) == ["uk"]
    assert list(published.places.values_list("name", flat=True)) == ["Bürgerhaus"]
    assert not Offer.objects.filter(pk=change.pk).exists()


def test_a_published_or_archived_record_cannot_be_published(published):
    with pytest.raises(ValidationError):
        review.publish(published, content=CONTENT)


def test_sending_back_needs_a_record_in_review_and_a_note(district):
    in_review = OfferFactory(district=district, state=ReviewState.IN_REVIEW)

    with pytest.raises(ValidationError) as error:
        review.reject(in_review, note="  ")
    assert "note" in error.value.message_dict
    review.reject(in_review, note=" Bitte die Uhrzeit ergänzen. ")

    in_review.refresh_from_db()
    assert (in_review.state, in_review.review_note) == (
        ReviewState.DRAFT,
        "Bitte die Uhrzeit ergänzen.",
    )
    with pytest.raises(ValidationError):
        review.reject(in_review, note="Noch einmal")


def test_archiving_drops_the_pending_change_but_a_pending_change_is_not_archived(published):
    change, _created = review.change_target(published, content=CONTENT)

    with pytest.raises(ValidationError):
        review.archive(change)
    review.archive(published)

    assert Offer.objects.get(pk=published.pk).state == ReviewState.ARCHIVED
    assert not Offer.objects.filter(pk=change.pk).exists()


def test_published_and_main_rows_leave_pending_changes_out(published, district):
    change, _created = review.change_target(published, content=CONTENT)
    draft = OfferFactory(district=district, state=ReviewState.DRAFT)

    assert list(Offer.objects.published()) == [published]
    assert set(Offer.objects.main_rows()) == {published, draft}
    assert change.public_pk == published.pk == published.public_pk
