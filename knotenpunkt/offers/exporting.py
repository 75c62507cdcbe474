"""Export the offers of the workspace list as CSV or XLSX (core.spreadsheets writes them)."""

from django.db.models import Prefetch
from django.template.defaultfilters import yesno
from django.utils.translation import gettext as _

from .models import Offer, OfferPlace


def _label(field):
    return str(Offer._meta.get_field(field).verbose_name)


def _date(value):
    return value.isoformat() if value else ""


def offer_header():
    return [
        _("ID"),
        _label("title"),
        _("State"),
        _("Pending change"),
        _label("provider"),
        _label("category"),
        _label("cost"),
        _label("languages"),
        _label("target_groups"),
        _("Municipalities"),
        _label("is_online"),
        _label("serves_whole_district"),
        _label("valid_from"),
        _label("valid_until"),
        _label("last_confirmed_at"),
        _label("contact_email"),
    ]


def offer_row(offer, *, language):
    """Return the cells of one offer, in ``offer_header`` order."""
    municipalities = sorted({place.municipality.name for place in offer.places.all()})
    return [
        str(offer.pk),
        offer.title,
        str(offer.get_state_display()),
        yesno(getattr(offer, "pending_revision", None) is not None),
        offer.provider.name,
        offer.category.label(language),
        str(offer.get_cost_display()),
        ", ".join(sorted(item.pk for item in offer.languages.all())),
        ", ".join(sorted(str(item) for item in offer.target_groups.all())),
        ", ".join(municipalities),
        yesno(offer.is_online),
        yesno(offer.serves_whole_district),
        _date(offer.valid_from),
        _date(offer.valid_until),
        _date(offer.last_confirmed_at),
        offer.contact_email,
    ]


def offer_table(offers, *, language):
    """Return header and rows for ``offers`` (a queryset), in a fixed number of queries."""
    offers = offers.select_related("provider", "category", "pending_revision").prefetch_related(
        "languages",
        "target_groups",
        Prefetch("places", queryset=OfferPlace.objects.select_related("municipality")),
    )
    return offer_header(), [offer_row(offer, language=language) for offer in offers]
