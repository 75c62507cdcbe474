"""Addresses to coordinates through a Nominatim-compatible geocoding service.

Off by default (``KNOTENPUNKT_GEOCODER_URL`` empty): a district that wants it names a
service whose usage policy it meets, or runs its own Nominatim. Every failure (off, no
answer, a timeout, nothing found) gives None; the caller then falls back, for a place to
the centre of its municipality. Answers are cached, so that an address is looked up once.
"""

import hashlib
import json
import logging
import urllib.parse
import urllib.request
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)
CACHE_SECONDS = 60 * 60 * 24 * 30
COORDINATE = Decimal("0.00001")


def is_enabled() -> bool:
    return bool(settings.KNOTENPUNKT_GEOCODER_URL)


def geocode(*, street="", postal_code="", city="") -> tuple[Decimal, Decimal] | None:
    """Return (latitude, longitude) of an address in Germany, or None."""
    if not is_enabled():
        return None
    query = {"street": street.strip(), "postalcode": postal_code.strip(), "city": city.strip()}
    query = {key: value for key, value in query.items() if value}
    if not query:
        return None
    digest = hashlib.sha256(json.dumps(sorted(query.items())).encode()).hexdigest()
    key = f"geocode:{digest}"
    cached = cache.get(key)
    if cached is not None:
        return tuple(Decimal(value) for value in cached) if cached else None
    result = _ask(query)
    cache.set(key, [str(value) for value in result] if result else [], CACHE_SECONDS)
    return result


def _ask(query):
    base = settings.KNOTENPUNKT_GEOCODER_URL.rstrip("/")
    params = {**query, "format": "jsonv2", "limit": "1", "countrycodes": "de"}
    url = f"{base}/search?{urllib.parse.urlencode(params)}"
    request = urllib.request.Request(  # noqa: S310 - the URL is the configured service
        url,
        headers={
            "User-Agent": settings.KNOTENPUNKT_GEOCODER_USER_AGENT,
            "Accept": "application/json",
        },
    )
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=settings.KNOTENPUNKT_GEOCODER_TIMEOUT
        ) as response:
            answer = json.loads(response.read(100_000))
        first = answer[0]
        latitude = Decimal(str(first["lat"])).quantize(COORDINATE)
        longitude = Decimal(str(first["lon"])).quantize(COORDINATE)
    except (OSError, ValueError, LookupError, TypeError, InvalidOperation) as error:
        # Nothing found, or the service is unreachable: the caller falls back.
        logger.info("Geocoding gave no result: %s", type(error).__name__)
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return latitude, longitude
