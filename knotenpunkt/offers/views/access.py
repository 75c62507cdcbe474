"""What the workspace views of offers share: fetching an offer the person may work on."""

from django.contrib import messages
from django.shortcuts import redirect

from knotenpunkt.core.access import get_in_district_or_404

from ..models import Offer
from ..permissions import can_edit_offer, can_review_offer, editable_offers


def may_edit(request):
    return lambda offer: can_edit_offer(request.user, request.district, offer)


def may_review(request):
    return lambda offer: can_review_offer(request.user, request.district, offer)


def may_work_on(request):
    def may_access(offer):
        return can_edit_offer(request.user, request.district, offer) or can_review_offer(
            request.user, request.district, offer
        )

    return may_access


def get_offer(request, pk, may_access=None):
    """Return an offer (never a pending change) the user may work on; 404 otherwise."""
    return get_in_district_or_404(
        Offer.objects.main_rows().select_related("provider", "category"),
        district=request.district,
        may_access=may_access or may_work_on(request),
        pk=pk,
    )


def error_message(request, error):
    messages.error(request, " ".join(str(message) for message in error.messages))


def to_offer(request, offer):
    return redirect("offers:workspace_offer", district_slug=request.district.slug, pk=offer.pk)


def editable_ids(request, offers):
    """Return the ids among ``offers`` (a list) that the user may open in the workspace."""
    district = request.district
    ids = [offer.pk for offer in offers]
    return set(
        editable_offers(request.user, district, Offer.objects.in_district(district))
        .filter(pk__in=ids)
        .values_list("pk", flat=True)
    )
