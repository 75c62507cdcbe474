"""How the offers follow changes in other apps (declared in ``offers/plugin.py``)."""

from knotenpunkt.directory.events import OrganisationChanged

from .models import Offer
from .search import refresh

# The fields of an organisation that are part of its offers' search text.
SEARCHED_ORGANISATION_FIELDS = frozenset({"name"})


def refresh_offers_of_provider(event: OrganisationChanged) -> None:
    """A renamed provider: its offers (and their pending changes) are found by the new name."""
    if SEARCHED_ORGANISATION_FIELDS.isdisjoint(event.fields):
        return
    offers = Offer.objects.filter(
        district_id=event.district_id, provider_id=event.organisation_id
    ).select_related("provider", "category")
    for offer in offers.iterator(chunk_size=500):
        refresh(offer)
