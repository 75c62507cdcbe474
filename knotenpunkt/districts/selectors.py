"""Reads of districts, regions and municipalities."""

from django.db.models import Count

from .models import District, Membership, Municipality, Region


def districts_public():
    """Return the districts of this installation that the landing page lists."""
    return District.objects.filter(is_active=True).order_by("name")


def regions_with_municipalities(*, district):
    return (
        Region.objects.in_district(district)
        .prefetch_related("municipalities")
        .annotate(municipality_count=Count("municipalities"))
        .order_by("name")
    )


def municipalities_list(*, district):
    return Municipality.objects.in_district(district).select_related("region").order_by("name")


def districts_of_user(*, user):
    return District.objects.filter(
        is_active=True, pk__in=Membership.objects.filter(user=user).values("district")
    ).order_by("name")


def memberships_of_user(*, user, district):
    return (
        Membership.objects.in_district(district)
        .filter(user=user)
        .select_related("municipality")
        .order_by("role")
    )


def members_list(*, district):
    return (
        Membership.objects.in_district(district)
        .select_related("user", "municipality")
        .order_by("user__name", "user__email", "role")
    )
