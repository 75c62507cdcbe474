"""State changes of offers: writing, review, publication, freshness and translations.

Every change is attributed (AuditEntry). The review rules live here, not in the views:
a partner editor can write and submit, but only a reviewer publishes.

States: draft → in review → published → archived. A change to a published offer is a
second row (``revision_of``) that goes through review while the published text stays
visible; approving it copies its content into the published offer.
"""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

import nh3
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import record_change

from . import search
from .models import (
    Category,
    Offer,
    OfferPlace,
    OfferState,
    OfferTime,
    OfferTranslation,
)
from .permissions import (
    can_edit_offer,
    can_manage_categories,
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

# What an offer's description may contain: structure and links, nothing that runs or styles.
ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "h3", "h4", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitise_html(html: str) -> str:
    """Return ``html`` with only the allowed tags; scripts and styles go with their content."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    ).strip()


def _check_same_district(district, values):
    for field in ("provider", "category", "municipality"):
        value = values.get(field)
        if value is not None and value.district_id != district.pk:
            raise ValidationError({field: _("This entry belongs to another district.")})


def _set_fields(offer, values):
    unknown = set(values) - set(OFFER_FIELDS) - set(OFFER_M2M_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    _check_same_district(offer.district, values)
    changes = {}
    for field in OFFER_FIELDS:
        if field not in values:
            continue
        value = values[field]
        if field == "description":
            value = sanitise_html(value)
        if field in ("provider", "category"):
            current = getattr(offer, f"{field}_id")
            if current != getattr(value, "pk", value):
                changes[field] = str(value)[:200]
                setattr(offer, field, value)
            continue
        if getattr(offer, field) != value:
            changes[field] = "" if value is None else str(value)[:200]
            setattr(offer, field, value)
    return changes


def _set_relations(offer, values, places, times):
    changes = {}
    for field in OFFER_M2M_FIELDS:
        if field in values:
            new = sorted(str(getattr(item, "pk", item)) for item in values[field])
            old = sorted(str(pk) for pk in getattr(offer, field).values_list("pk", flat=True))
            if new != old:
                getattr(offer, field).set(values[field])
                changes[field] = ", ".join(new)
    # Places and times are replaced only when they differ, so that saving an unchanged
    # form neither records a change nor sends a pending change back to its author.
    if places is not None:
        if _rows(offer.places.values(*PLACE_FIELDS), _place_key) != _rows(places, _place_key):
            _replace_places(offer, places)
            changes["places"] = "; ".join(_place_text(place) for place in places)[:200]
    if times is not None:
        if _rows(offer.times.values(*TIME_FIELDS), _time_key) != _rows(times, _time_key):
            _replace_times(offer, times)
            changes["times"] = "; ".join(str(time) for time in offer.times.all())[:200]
    return changes


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


def _place_text(place):
    return ", ".join(str(place.get(field) or "") for field in ("name", "street", "city"))


def _replace_places(offer, places):
    offer.places.all().delete()
    for place in places:
        unknown = set(place) - set(PLACE_FIELDS)
        if unknown:
            raise ValueError(f"Not editable: {sorted(unknown)}")
        _check_same_district(offer.district, place)
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
    changes = _set_fields(offer, values)
    offer.full_clean()
    offer.save()
    changes |= _set_relations(offer, values, places, times)
    search.refresh(offer)
    record_change(
        actor=actor, district=district, action="offers.create", target=offer, changes=changes
    )
    return offer


@transaction.atomic
def offer_update(*, actor, offer: Offer, values: dict, places=None, times=None) -> Offer:
    """Change an offer. A published offer gets (or updates) a pending change instead.

    Return the row that was changed: the offer itself, or its pending change.
    """
    district = offer.district
    if not can_edit_offer(actor, district, offer):
        raise PermissionDenied
    if "provider" in values and values["provider"] != offer.provider:
        _check_provider(actor, district, values["provider"])
    if offer.state == OfferState.ARCHIVED:
        raise ValidationError(_("An archived offer cannot be changed; copy it instead."))
    target, new_revision = offer, False
    if offer.state == OfferState.PUBLISHED and offer.revision_of_id is None:
        target, new_revision = _pending_revision(offer)
    changes = _set_fields(target, values)
    target.full_clean()
    target.save()
    changes |= _set_relations(target, values, places, times)
    if new_revision and not changes:
        # Saved without a change: there is nothing for the reviewers to look at.
        target.delete()
        return offer
    if target.pk != offer.pk and target.state != OfferState.DRAFT and changes:
        # A change made after submitting goes back to the author until submitted again.
        target.state = OfferState.DRAFT
        target.save(update_fields=["state", "updated_at"])
    search.refresh(target)
    record_change(
        actor=actor, district=district, action="offers.update", target=offer, changes=changes
    )
    return target


def _pending_revision(offer):
    """Return the pending change of a published offer (creating it as a copy if needed)
    and whether it was created now."""
    existing = Offer.objects.filter(revision_of=offer).first()
    if existing is not None:
        return existing, False
    revision = Offer(district=offer.district, state=OfferState.DRAFT, revision_of=offer)
    for field in OFFER_FIELDS:
        setattr(revision, field, getattr(offer, field))
    revision.save()
    revision.target_groups.set(offer.target_groups.all())
    revision.languages.set(offer.languages.all())
    _copy_places_and_times(offer, revision)
    return revision, True


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


@transaction.atomic
def offer_submit(*, actor, offer: Offer) -> Offer:
    """Hand a draft (or a pending change) to the reviewers."""
    if not can_edit_offer(actor, offer.district, offer.revision_of or offer):
        raise PermissionDenied
    if offer.state != OfferState.DRAFT:
        raise ValidationError(_("Only a draft can be submitted for review."))
    offer.state = OfferState.IN_REVIEW
    offer.save(update_fields=["state", "updated_at"])
    submission = record_change(
        actor=actor,
        district=offer.district,
        action="offers.submit",
        target=offer.revision_of or offer,
    )
    transaction.on_commit(lambda: _notify_reviewers(offer.pk, submission.pk))
    return offer


def _notify_reviewers(offer_id, submission_id):
    from .tasks import notify_reviewers

    notify_reviewers.enqueue(offer_id, submission_id)


@transaction.atomic
def offer_publish(*, actor, offer: Offer, today=None) -> Offer:
    """Publish an offer in review, or approve a pending change. Reviewers only."""
    original = offer.revision_of
    if not can_review_offer(actor, offer.district, original or offer):
        raise PermissionDenied
    if offer.state not in (OfferState.IN_REVIEW, OfferState.DRAFT):
        raise ValidationError(_("Only a draft or an offer in review can be published."))
    today = today or timezone.localdate()
    if offer.valid_until and offer.valid_until < today:
        raise ValidationError(_("This offer has already ended; change its end date first."))
    if original is None:
        offer.state = OfferState.PUBLISHED
        offer.published_at = offer.published_at or timezone.now()
        offer.last_confirmed_at = today
        offer.reminded_at = None
        offer.review_note = ""
        offer.save()
        search.refresh(offer)
        record_change(actor=actor, district=offer.district, action="offers.publish", target=offer)
        return offer
    for field in OFFER_FIELDS:
        setattr(original, field, getattr(offer, field))
    original.last_confirmed_at = today
    original.reminded_at = None
    original.review_note = ""
    original.full_clean()
    original.save()
    original.target_groups.set(offer.target_groups.all())
    original.languages.set(offer.languages.all())
    _copy_places_and_times(offer, original)
    offer.delete()
    search.refresh(original)
    record_change(
        actor=actor, district=original.district, action="offers.publish_change", target=original
    )
    return original


@transaction.atomic
def offer_reject(*, actor, offer: Offer, note: str) -> Offer:
    """Send an offer (or a pending change) back to its authors with a note."""
    if not can_review_offer(actor, offer.district, offer.revision_of or offer):
        raise PermissionDenied
    if offer.state != OfferState.IN_REVIEW:
        raise ValidationError(_("Only an offer in review can be sent back."))
    if not note.strip():
        raise ValidationError({"note": _("Say what should be changed.")})
    offer.state = OfferState.DRAFT
    offer.review_note = note.strip()
    offer.save(update_fields=["state", "review_note", "updated_at"])
    record_change(
        actor=actor,
        district=offer.district,
        action="offers.reject",
        target=offer.revision_of or offer,
        changes={"review_note": offer.review_note[:200]},
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
    if offer.revision_of_id:
        raise ValidationError(_("Archive the offer, not its pending change."))
    Offer.objects.filter(revision_of=offer).delete()
    offer.state = OfferState.ARCHIVED
    offer.save(update_fields=["state", "updated_at"])
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
    translation.description = sanitise_html(description)
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


def confirmation_deadline(district, today=None):
    """Offers confirmed before this date are stale: they leave the public catalogue."""
    today = today or timezone.localdate()
    return today - review_period(district)


def review_period(district):
    return timedelta(days=round(district.offer_review_months * 30.44))


def confirmation_due(offer):
    """The date by which ``offer`` must be confirmed again, or None if never confirmed."""
    if offer.last_confirmed_at is None:
        return None
    return offer.last_confirmed_at + review_period(offer.district)


REMINDER_LEAD = timedelta(days=14)


def offers_due_for_reminder(district, today=None):
    """Published offers whose confirmation runs out within two weeks and not yet reminded."""
    deadline = confirmation_deadline(district, today)
    return (
        Offer.objects.in_district(district)
        .published()
        .filter(
            last_confirmed_at__lt=deadline + REMINDER_LEAD,
            last_confirmed_at__gte=deadline,
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


# Categories -----------------------------------------------------------------------------

DEFAULT_CATEGORIES = (
    # slug, German name, its translations into the languages of the demo and the catalogues
    (
        "sprache",
        "Sprache",
        {"en": "Language", "ar": "اللغة", "fa": "زبان", "uk": "Мова", "tr": "Dil", "ru": "Язык"},
    ),
    (
        "schule-bildung",
        "Schule und Bildung",
        {
            "en": "School and education",
            "ar": "المدرسة والتعليم",
            "fa": "مدرسه و آموزش",
            "uk": "Школа та освіта",
            "tr": "Okul ve eğitim",
            "ru": "Школа и образование",
        },
    ),
    (
        "ausbildung-arbeit",
        "Ausbildung und Arbeit",
        {
            "en": "Training and work",
            "ar": "التدريب المهني والعمل",
            "fa": "آموزش حرفه‌ای و کار",
            "uk": "Професійне навчання та робота",
            "tr": "Meslek eğitimi ve iş",
            "ru": "Профобучение и работа",
        },
    ),
    (
        "beratung",
        "Beratung",
        {
            "en": "Counselling",
            "ar": "الاستشارة",
            "fa": "مشاوره",
            "uk": "Консультації",
            "tr": "Danışmanlık",
            "ru": "Консультации",
        },
    ),
    (
        "gesundheit",
        "Gesundheit",
        {
            "en": "Health",
            "ar": "الصحة",
            "fa": "سلامت",
            "uk": "Здоров'я",
            "tr": "Sağlık",
            "ru": "Здоровье",
        },
    ),
    (
        "wohnen",
        "Wohnen",
        {"en": "Housing", "ar": "السكن", "fa": "مسکن", "uk": "Житло", "tr": "Konut", "ru": "Жильё"},
    ),
    (
        "kinder-familie",
        "Kinder und Familie",
        {
            "en": "Children and family",
            "ar": "الأطفال والأسرة",
            "fa": "کودکان و خانواده",
            "uk": "Діти та сім'я",
            "tr": "Çocuklar ve aile",
            "ru": "Дети и семья",
        },
    ),
    (
        "freizeit-begegnung",
        "Freizeit und Begegnung",
        {
            "en": "Leisure and encounter",
            "ar": "الترفيه واللقاءات",
            "fa": "اوقات فراغت و دیدار",
            "uk": "Дозвілля та зустрічі",
            "tr": "Boş zaman ve buluşma",
            "ru": "Досуг и встречи",
        },
    ),
    (
        "recht-aufenthalt",
        "Recht und Aufenthalt",
        {
            "en": "Law and residence",
            "ar": "القانون والإقامة",
            "fa": "حقوق و اقامت",
            "uk": "Право та перебування",
            "tr": "Hukuk ve oturum",
            "ru": "Право и пребывание",
        },
    ),
    (
        "ehrenamt",
        "Ehrenamt",
        {
            "en": "Volunteering",
            "ar": "العمل التطوعي",
            "fa": "کار داوطلبانه",
            "uk": "Волонтерство",
            "tr": "Gönüllülük",
            "ru": "Волонтёрство",
        },
    ),
)


def ensure_default_categories(district):
    """Create the default categories of a new district (idempotent; no audit entry)."""
    for position, (slug, name, translations) in enumerate(DEFAULT_CATEGORIES):
        Category.objects.get_or_create(
            district=district,
            slug=slug,
            defaults={"name": name, "translations": translations, "position": position},
        )


@transaction.atomic
def category_save(*, actor, district, category=None, values: dict) -> Category:
    if not can_manage_categories(actor, district):
        raise PermissionDenied
    category = category or Category(district=district)
    if category.district_id != district.pk:
        raise PermissionDenied
    for field in ("name", "slug", "parent", "translations", "position"):
        if field in values:
            setattr(category, field, values[field])
    category.full_clean()
    category.save()
    record_change(actor=actor, district=district, action="offers.category_save", target=category)
    return category
