"""Records as the API shows them (plain dicts; the schemas in schemas.py describe them).

Call these inside ``translation.override(lang)``: labels come in the active language.
"""

from django.urls import NoReverseMatch, reverse

from knotenpunkt.core.lifecycle.translation import TranslationStatus, status_of
from knotenpunkt.directory.models import LanguageCode, TopicCode
from knotenpunkt.offers.models import TargetGroupCode


def _choice(choices, code):
    try:
        label = choices(code).label
    except ValueError:
        label = code
    return {"code": code, "label": str(label)}


def _number(value):
    return float(value) if value is not None else None


def translated_text(offer, lang):
    """Return (title, summary, description, language, translation_status) for ``lang``.

    Uses ``offer.translation`` (see offers.selectors.api_rows_with_details).
    """
    german = (offer.title, offer.summary, offer.description)
    if lang == "de":
        return (*german, "de", "original")
    translation = offer.translation
    status = status_of(getattr(translation, "source_hash", None), offer.text_hash)
    if status != TranslationStatus.CURRENT:
        return (*german, "de", status.value)
    return (translation.title, translation.summary, translation.description, lang, status.value)


class Urls:
    """Absolute URLs of the public pages, reversed once per answer, not once per row."""

    PLACEHOLDER = "987654321987654321"

    def __init__(self, request, district):
        self.request = request
        self.offer_pattern = self._pattern("offers:offer", district)
        self.organisation_pattern = self._pattern("directory:organisation", district)

    def _pattern(self, name, district):
        """Return the URL split around the id; reversing per row costs more than a row."""
        try:
            path = reverse(name, kwargs={"district_slug": district.slug, "pk": self.PLACEHOLDER})
        except NoReverseMatch:
            return None
        before, after = self.request.build_absolute_uri(path).rsplit(self.PLACEHOLDER, 1)
        return before, after

    @staticmethod
    def _url(pattern, pk):
        return f"{pattern[0]}{pk}{pattern[1]}" if pattern else None

    def offer(self, offer):
        return self._url(self.offer_pattern, offer.public_pk)

    def organisation(self, organisation):
        return self._url(self.organisation_pattern, organisation.pk)


def offer(item, *, lang, urls, times=None):
    """Return ``item`` (with ``offers.selectors.api_rows_with_details``) as the API shows it."""
    title, summary, description, language, status = translated_text(item, lang)
    provider = item.provider
    data = {
        "id": item.public_pk,
        "url": urls.offer(item),
        "language": language,
        "translation_status": status,
        "title": title,
        "summary": summary,
        "description": description,
        "provider": {
            "id": provider.pk,
            "name": provider.name,
            "url": urls.organisation(provider) if provider.is_public else None,
        },
        "category": {
            "id": item.category.pk,
            "slug": item.category.slug,
            "name": item.category.label(lang),
        },
        "target_groups": [_choice(TargetGroupCode, code) for code in item.target_group_codes],
        "languages": [_choice(LanguageCode, code) for code in item.language_codes],
        "cost": {"code": item.cost, "label": item.get_cost_display()},
        "cost_note": item.cost_note,
        "registration_required": item.registration_required,
        "registration_note": item.registration_note,
        "is_online": item.is_online,
        "serves_whole_district": item.serves_whole_district,
        "schedule_note": item.schedule_note,
        "valid_from": item.valid_from,
        "valid_until": item.valid_until,
        "accessibility": item.accessibility,
        "contact_name": item.contact_name,
        "contact_phone": item.contact_phone,
        "contact_email": item.contact_email,
        "website": item.website,
        "places": [
            {
                "name": place["name"],
                "street": place["street"],
                "postal_code": place["postal_code"],
                "city": place["city"],
                "municipality": {
                    "id": place["municipality_id"],
                    "name": place["municipality__name"],
                },
                "latitude": _number(place["latitude"]),
                "longitude": _number(place["longitude"]),
            }
            for place in item.place_rows
        ],
        "published_at": item.published_at,
        "last_confirmed_at": item.last_confirmed_at,
        "updated_at": item.updated_at,
    }
    if times is not None:
        data["times"] = [
            {
                "weekday": entry.weekday,
                "weekday_label": entry.get_weekday_display() if entry.weekday is not None else None,
                "date": entry.date,
                "starts_at": local_time(entry.starts_at),
                "ends_at": local_time(entry.ends_at),
            }
            for entry in times
        ]
    return data


def category(item, *, lang, offer_count):
    return {
        "id": item.pk,
        "slug": item.slug,
        "name": item.label(lang),
        "name_de": item.name,
        "parent_id": item.parent_id,
        "position": item.position,
        "offer_count": offer_count,
    }


def _municipality_ref(municipality):
    return {"id": municipality.pk, "name": municipality.name}


def organisation(item, *, urls):
    """Return ``item`` (with ``directory.selectors.with_api_details``) as the API shows it."""
    return {
        "id": item.pk,
        "name": item.name,
        "type": {"code": item.type, "label": item.get_type_display()},
        "url": urls.organisation(item),
        "description": item.description,
        "street": item.street,
        "postal_code": item.postal_code,
        "city": item.city,
        "municipality": _municipality_ref(item.municipality) if item.municipality else None,
        "phone": item.phone,
        "fax": item.fax,
        "email": item.email,
        "website": item.website,
        "opening_hours": item.opening_hours,
        "serves_whole_district": item.serves_whole_district,
        "municipalities": item.municipality_refs,
        "languages": [_choice(LanguageCode, code) for code in item.language_codes],
        "topics": [_choice(TopicCode, code) for code in item.topic_codes],
        "updated_at": item.updated_at,
    }


def municipality(item):
    return {
        "id": item.pk,
        "name": item.name,
        "official_key": item.official_key,
        "region": item.region.name if item.region else None,
        "latitude": _number(item.latitude),
        "longitude": _number(item.longitude),
    }


def local_time(value):
    """A time as the schema declares it (``schemas.LocalTime``): HH:MM:SS, no offset."""
    return value.strftime("%H:%M:%S") if value is not None else None
