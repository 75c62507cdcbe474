"""State changes of offers: writing, review, publication, freshness and translations.

Every change is attributed (AuditEntry). The review rules live here, not in the views:
a partner editor can write and submit, but only a reviewer publishes.

States: draft → in review → published → archived. A change to a published offer is a
second row (``revision_of``) that goes through review while the published text stays
visible; approving it copies its content into the published offer. The steps themselves
are the shared lifecycle blocks (``core.lifecycle``); this module adds who may take them.
"""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import record_change
from knotenpunkt.core.lifecycle import freshness, review
from knotenpunkt.core.lifecycle.changes import (
    Editable,
    apply_changes,
    check_same_district,
    describe_pks,
    describe_rich_text,
)
from knotenpunkt.core.richtext import clean_rich_text
from knotenpunkt.notifications.services import notify, resolve

from . import notifications, search
from .models import (
    Offer,
    OfferPlace,
    OfferState,
    OfferTime,
    OfferTranslation,
)
from .permissions import (
    can_edit_offer,
    can_review_offer,
    editable_providers,
)

OFFER_FIELDS = (
    "title",
    "summary",
    "description",
    "provider",
    "category",
    "cost",
    "cost_note",
    "registration_required",
    "registration_note",
    "is_online",
    "serves_whole_district",
    "schedule_note",
    "valid_from",
    "valid_until",
    "accessibility",
    "contact_name",
    "contact_phone",
    "contact_email",
    "website",
)
OFFER_M2M_FIELDS = ("target_groups", "languages")
PLACE_FIELDS = ("name", "street", "postal_code", "city", "municipality", "latitude", "longitude")
TIME_FIELDS = ("weekday", "date", "starts_at", "ends_at")


def _rows(rows, key):
    """Return ``rows`` comparably: normalised and in a fixed order."""
    return sorted((key(row) for row in rows), key=repr)


def _decimal(value):
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value)).normalize()
    except InvalidOperation:
        return value


def _place_key(place):
    municipality = place.get("municipality")
    return (
        *(place.get(field) or "" for field in ("name", "street", "postal_code", "city")),
        getattr(municipality, "pk", municipality),
        _decimal(place.get("latitude")),
        _decimal(place.get("longitude")),
    )


def _time_key(time):
    return tuple(time.get(field) for field in TIME_FIELDS)


def _saved_places(offer):
    return _rows(offer.places.values(*PLACE_FIELDS), _place_key)


def _saved_times(offer):
    return _rows(offer.times.values(*TIME_FIELDS), _time_key)


def _places_and_times(offer):
    """The places and times of ``offer``: the offer form edits them too."""
    return [_saved_places(offer), _saved_times(offer)]


# What the offer form edits. The language and target-group codes are what the audit log
# has always kept of those fields.
OFFER_EDIT = Editable(
    fields=OFFER_FIELDS,
    m2m_fields=OFFER_M2M_FIELDS,
    normalise={"description": clean_rich_text},
    describe={"description": describe_rich_text, **dict.fromkeys(OFFER_M2M_FIELDS, describe_pks)},
    extra_state=_places_and_times,
)


def _copy_places_and_times(source, target):
    target.places.all().delete()
    target.times.all().delete()
    OfferPlace.objects.bulk_create(
        OfferPlace(
            district=target.district,
            offer=target,
            **{field: getattr(place, field) for field in PLACE_FIELDS},
        )
        for place in source.places.all()
    )
    OfferTime.objects.bulk_create(
        OfferTime(
            district=target.district,
            offer=target,
            **{field: getattr(time, field) for field in TIME_FIELDS},
        )
        for time in source.times.all()
    )


# What a pending change copies of its offer, and publishing it copies back.
OFFER_CONTENT = review.Content(
    fields=OFFER_FIELDS, m2m_fields=OFFER_M2M_FIELDS, copy_rows=_copy_places_and_times
)


def _set_places_and_times(offer, places, times):
    """Replace the places and times of ``offer``; return {field: new text} if they changed.

    They are replaced only when they differ, so that saving an unchanged form neither
    records a change nor sends a pending change back to its author.
    """
    changes = {}
    if places is not None and _saved_places(offer) != _rows(places, _place_key):
        _replace_places(offer, places)
        changes["places"] = "; ".join(_place_text(place) for place in places)[:200]
    if times is not None and _saved_times(offer) != _rows(times, _time_key):
        _replace_times(offer, times)
        changes["times"] = "; ".join(str(time) for time in offer.times.all())[:200]
    return changes


def _place_text(place):
    return ", ".join(str(place.get(field) or "") for field in ("name", "street", "city"))


def _replace_places(offer, places):
    offer.places.all().delete()
    for place in places:
        unknown = set(place) - set(PLACE_FIELDS)
        if unknown:
            raise ValueError(f"Not editable: {sorted(unknown)}")
        check_same_district(
            district=offer.district, values={"municipality": place.get("municipality")}
        )
        row = OfferPlace(district=offer.district, offer=offer, **place)
        row.full_clean(exclude=["offer", "district"])
        row.save()


def _replace_times(offer, times):
    offer.times.all().delete()
    for time in times:
        unknown = set(time) - set(TIME_FIELDS)
        if unknown:
            raise ValueError(f"Not editable: {sorted(unknown)}")
        row = OfferTime(district=offer.district, offer=offer, **time)
        row.full_clean(exclude=["offer", "district"])
        row.save()


def _check_provider(actor, district, provider):
    from knotenpunkt.directory.models import Organisation

    allowed = editable_providers(actor, district, Organisation.objects.in_district(district))
    if provider is None or not allowed.filter(pk=provider.pk).exists():
        raise PermissionDenied


@transaction.atomic
def offer_create(*, actor, district, values: dict, places=None, times=None) -> Offer:
    """Create a draft offer for a provider the actor writes for."""
    _check_provider(actor, district, values.get("provider"))
    offer = Offer(district=district, state=OfferState.DRAFT)
    changes = apply_changes(instance=offer, values=values, editable=OFFER_EDIT, district=district)
    changes |= _set_places_and_times(offer, places, times)
    search.refresh(offer)
    record_change(
        actor=actor, district=district, action="offers.create", target=offer, changes=changes
    )
    return offer


@transaction.atomic
def offer_update(
    *, actor, offer: Offer, values: dict, places=None, times=None, fingerprint: str | None = None
) -> Offer:
    """Change an offer. A published offer gets (or updates) a pending change instead.

    Return the row that was changed: the offer itself, or its pending change. With the
    ``fingerprint`` of the row the form showed, refuse (``StaleEdit``) if it changed since.
    """
    district = offer.district
    if not can_edit_offer(actor, district, offer):
        raise PermissionDenied
    if "provider" in values and values["provider"] != offer.provider:
        _check_provider(actor, district, values["provider"])
    target, created = review.change_target(offer, content=OFFER_CONTENT)
    # A pending change created just now is a copy of the offer: it has the offer's
    # fingerprint, which is what the form showed if nobody changed the offer meanwhile.
    changes = apply_changes(
        instance=target,
        values=values,
        editable=OFFER_EDIT,
        district=district,
        fingerprint=fingerprint,
    )
    changes |= _set_places_and_times(target, places, times)
    if not review.settle_change(offer, target, created=created, changed=bool(changes)):
        # Saved without a change: there is nothing for the reviewers to look at.
        return offer
    search.refresh(target)
    record_change(
        actor=actor, district=district, action="offers.update", target=offer, changes=changes
    )
    return target


@transaction.atomic
def offer_submit(*, actor, offer: Offer) -> Offer:
    """Hand a draft (or a pending change) to the reviewers."""
    if not can_edit_offer(actor, offer.district, offer.revision_of or offer):
        raise PermissionDenied
    review.submit(offer)
    record_change(
        actor=actor,
        district=offer.district,
        action="offers.submit",
        target=offer.revision_of or offer,
    )
    notify(
        district=offer.district,
        recipients=notifications.reviewers_of(offer),
        kind=notifications.REVIEW_REQUESTED,
        actor=actor,
        target=offer.revision_of or offer,
        params={"title": offer.title},
    )
    return offer


@transaction.atomic
def offer_publish(*, actor, offer: Offer, today=None) -> Offer:
    """Publish an offer in review, or approve a pending change. Reviewers only."""
    original = offer.revision_of
    if not can_review_offer(actor, offer.district, original or offer):
        raise PermissionDenied
    today = today or timezone.localdate()
    has_ended = offer.valid_until is not None and offer.valid_until < today
    # In another state, review.publish says why it cannot be published.
    if has_ended and offer.state in review.PUBLISHABLE_STATES:
        raise ValidationError(_("This offer has already ended; change its end date first."))
    # Publishing confirms the offer as current.
    published = review.publish(
        offer, content=OFFER_CONTENT, values={"last_confirmed_at": today, "reminded_at": None}
    )
    search.refresh(published)
    record_change(
        actor=actor,
        district=published.district,
        action="offers.publish" if original is None else "offers.publish_change",
        target=published,
    )
    resolve(district=published.district, kind=notifications.REVIEW_REQUESTED, target=published)
    notify(
        district=published.district,
        recipients=notifications.authors_of(published),
        kind=notifications.PUBLISHED,
        actor=actor,
        target=published,
        params={"title": published.title, "change": original is not None},
    )
    return published


@transaction.atomic
def offer_reject(*, actor, offer: Offer, note: str) -> Offer:
    """Send an offer (or a pending change) back to its authors with a note."""
    if not can_review_offer(actor, offer.district, offer.revision_of or offer):
        raise PermissionDenied
    review.reject(offer, note=note)
    record_change(
        actor=actor,
        district=offer.district,
        action="offers.reject",
        target=offer.revision_of or offer,
        changes={"review_note": offer.review_note[:200]},
    )
    resolve(
        district=offer.district,
        kind=notifications.REVIEW_REQUESTED,
        target=offer.revision_of or offer,
    )
    notify(
        district=offer.district,
        recipients=notifications.authors_of(offer.revision_of or offer),
        kind=notifications.SENT_BACK,
        actor=actor,
        target=offer.revision_of or offer,
        params={"title": offer.title, "note": offer.review_note},
    )
    return offer


@transaction.atomic
def offer_archive(*, actor, offer: Offer) -> Offer:
    """Take an offer out of the catalogue for good (a pending change is dropped)."""
    if actor is not None and not (
        can_review_offer(actor, offer.district, offer)
        or can_edit_offer(actor, offer.district, offer)
    ):
        raise PermissionDenied
    review.archive(offer)
    search.refresh(offer)
    record_change(actor=actor, district=offer.district, action="offers.archive", target=offer)
    return offer


@transaction.atomic
def offer_confirm(*, actor, offer: Offer, today=None) -> Offer:
    """Record that the offer is still valid (actor None: via the signed e-mail link)."""
    if actor is not None and not can_edit_offer(actor, offer.district, offer):
        raise PermissionDenied
    if offer.state != OfferState.PUBLISHED or offer.revision_of_id:
        raise ValidationError(_("Only a published offer can be confirmed."))
    offer.last_confirmed_at = today or timezone.localdate()
    offer.reminded_at = None
    offer.save(update_fields=["last_confirmed_at", "reminded_at", "updated_at"])
    record_change(actor=actor, district=offer.district, action="offers.confirm", target=offer)
    return offer


@transaction.atomic
def translation_save(
    *, actor, offer: Offer, language: str, title: str, summary: str, description: str = ""
) -> OfferTranslation:
    """Save the translation of ``offer`` into ``language``, made from its current German text."""
    from django.conf import settings

    if not can_edit_offer(actor, offer.district, offer):
        raise PermissionDenied
    if offer.revision_of_id:
        raise ValidationError(_("Translate the published offer, not its pending change."))
    languages = {code for code, _name in settings.LANGUAGES} - {"de"}
    if language not in languages:
        raise ValidationError({"language": _("This language is not offered.")})
    translation, _created = OfferTranslation.objects.get_or_create(
        offer=offer,
        language=language,
        defaults={"district": offer.district, "source_hash": offer.text_hash},
    )
    translation.title = title.strip()
    translation.summary = summary.strip()
    translation.description = clean_rich_text(description)
    translation.source_hash = offer.text_hash
    translation.full_clean()
    translation.save()
    search.refresh(offer)
    record_change(
        actor=actor,
        district=offer.district,
        action="offers.translate",
        target=offer,
        changes={"language": language},
    )
    return translation


@transaction.atomic
def translation_delete(*, actor, translation: OfferTranslation) -> None:
    offer = translation.offer
    if not can_edit_offer(actor, offer.district, offer):
        raise PermissionDenied
    language = translation.language
    translation.delete()
    search.refresh(offer)
    record_change(
        actor=actor,
        district=offer.district,
        action="offers.translation_delete",
        target=offer,
        changes={"language": language},
    )


# Freshness ------------------------------------------------------------------------------

# Reminders go out this long before an offer's confirmation runs out.
REMINDER_LEAD = timedelta(days=14)


def confirmation_deadline(district, today=None):
    """Offers confirmed before this date are stale: they leave the public catalogue."""
    return freshness.confirmation_deadline(district.offer_review_months, today)


def review_period(district):
    return freshness.review_period(district.offer_review_months)


def confirmation_due(offer):
    """The date by which ``offer`` must be confirmed again, or None if never confirmed."""
    return freshness.confirmation_due(offer.last_confirmed_at, offer.district.offer_review_months)


def offers_due_for_reminder(district, today=None):
    """Published offers whose confirmation runs out within two weeks and not yet reminded."""
    deadline = confirmation_deadline(district, today)
    return (
        Offer.objects.in_district(district)
        .published()
        .filter(
            freshness.due_for_reminder("last_confirmed_at", deadline, lead=REMINDER_LEAD),
            reminded_at__isnull=True,
        )
    )


@transaction.atomic
def archive_expired_offers(*, district, today=None) -> int:
    """Archive the published offers whose end date has passed; return how many."""
    today = today or timezone.localdate()
    expired = list(
        Offer.objects.in_district(district)
        .main_rows()
        .filter(valid_until__lt=today)
        .exclude(state=OfferState.ARCHIVED)
    )
    for offer in expired:
        offer_archive(actor=None, offer=offer)
    return len(expired)
