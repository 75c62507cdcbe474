"""Offers that must be confirmed again: the stale list, and the one-click "still valid"
link of the reminder e-mail (``confirm``), the provider's page without login."""

from datetime import timedelta

from django.core import signing
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_http_methods

from knotenpunkt.core.access import get_in_district_or_404
from knotenpunkt.core.decorators import district_permission_required, district_view

from .. import selectors, services
from ..models import Offer, OfferState
from ..permissions import can_view_overviews
from ..tasks import CONFIRM_SALT
from .access import editable_ids

# How long the link of a reminder e-mail works; the reminder goes out two weeks before the
# deadline, so a link stays usable well past it.
CONFIRM_MAX_AGE = timedelta(days=60)


@district_permission_required(can_view_overviews)
def stale_list(request):
    district = request.district
    offers = list(selectors.stale_offers(district=district))
    context = {
        "offers": offers,
        "editable_ids": editable_ids(request, offers),
        "review_months": district.offer_review_months,
    }
    return render(request, "offers/workspace/stale.html", context)


@require_http_methods(["GET", "POST"])
@district_view
def confirm(request, token):
    """The one-click "still valid" link of the reminder e-mail: no login, the token is the key.

    GET only shows the offer and a button (mail scanners open links); POST confirms.
    """
    district = request.district
    try:
        pk, confirmed = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        return render(request, "offers/confirm.html", {"outcome": "expired", "offer": None})
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise Http404 from exc
    offer = get_in_district_or_404(
        Offer.objects.main_rows().select_related("provider"), district=district, pk=pk
    )
    current = offer.last_confirmed_at.isoformat() if offer.last_confirmed_at else ""
    if offer.state != OfferState.PUBLISHED:
        outcome = "not_published"
    elif current != confirmed:
        # Confirmed again since the e-mail was sent: this link has done its work.
        outcome = "already_confirmed"
    elif request.method == "POST":
        services.offer_confirm(actor=None, offer=offer)
        outcome = "confirmed"
    else:
        outcome = "ask"
    context = {
        "outcome": outcome,
        "offer": offer,
        "confirmation_due": services.confirmation_due(offer),
    }
    return render(request, "offers/confirm.html", context)


urlpatterns = [
    path("<slug:district_slug>/workspace/angebote/veraltet/", stale_list, name="stale"),
    path("<slug:district_slug>/angebote/bestaetigen/<str:token>/", confirm, name="confirm"),
]
