"""Conditional GET: ETag and Last-Modified from cheap aggregates, 304 when nothing changed.

The validators are derived from what can change an answer, not from the answer itself, so
that a client that already has it costs one or two small queries:

- the district's last recorded change (every service writes an audit entry: offers,
  translations, categories, organisations, district settings);
- the number and the latest ``updated_at`` of the records matching the filters (this also
  notices edits that bypass the services, e.g. in the admin, and deletions);
- today's date, because offers leave the catalogue when they become stale or end;
- the parameters, and ``REPRESENTATION``: raise it when the shape of the answers changes.
"""

import hashlib
import re
from datetime import datetime, time

from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.districts.models import District

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")
REPRESENTATION = "1"
MAX_AGE = 60  # seconds a client or proxy may reuse an answer without asking


def district_or_404(slug):
    """Return the active district ``slug`` with ``last_change`` (its latest audit entry)."""
    if not SLUG.fullmatch(slug):
        raise Http404
    last_change = (
        AuditEntry.objects.filter(district=OuterRef("pk"))
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    district = (
        District.objects.filter(slug=slug, is_active=True)
        .annotate(last_change=Subquery(last_change))
        .first()
    )
    if district is None:
        raise Http404
    return district


class Validators:
    """The ETag and Last-Modified of one answer."""

    def __init__(self, district, today, *parts, changed=None):
        self.etag = _etag(REPRESENTATION, district.pk, district.last_change, today, *parts)
        start_of_today = timezone.make_aware(datetime.combine(today, time.min))
        moments = [start_of_today, district.last_change, changed]
        self.last_modified = max(moment for moment in moments if moment is not None)

    def not_modified(self, request):
        """Return a 304 answer if the client's copy is current, else None."""
        response = get_conditional_response(
            request, etag=self.etag, last_modified=int(self.last_modified.timestamp())
        )
        if response is None:
            return None
        if isinstance(response, HttpResponseNotModified):
            self.apply(response)
        return response

    def apply(self, response):
        response["ETag"] = self.etag
        response["Last-Modified"] = http_date(self.last_modified.timestamp())
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response


def _etag(*parts):
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    # Weak: equal answers, not byte-for-byte guaranteed (e.g. another host name in links).
    return f'W/"{digest}"'
