"""Reads of districts, regions and municipalities."""

from knotenpunkt.core.collation import german

from .models import District, Municipality


def districts_public():
    """Return the districts of this installation that the landing page lists."""
    return District.objects.filter(is_active=True).order_by(german("name"), "pk")


def municipalities_list(*, district):
    return (
        Municipality.objects.in_district(district)
        .select_related("region")
        .order_by(german("name"), "pk")
    )


def municipalities_search(*, district, query="", region=None):
    """Return the district's municipalities matching a name fragment and/or a region.

    Ordered by region (municipalities without a region last), then by name, so that a
    template can group them with ``regroup``.
    """
    municipalities = municipalities_list(district=district)
    if query:
        municipalities = municipalities.filter(name__icontains=query.strip())
    if region is not None:
        municipalities = municipalities.filter(region=region)
    return municipalities.order_by(german("region__name", nulls_last=True), german("name"), "pk")
