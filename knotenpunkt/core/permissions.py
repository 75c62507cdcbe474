"""The building block of every app's permissions.py: which roles an actor holds where.

Each app keeps its rules in its own ``permissions.py`` as a table ``RULES`` mapping an
action name to the roles allowed to do it, plus small ``can_…`` functions that views and
services call. Nothing else in the code base compares roles.
"""

from collections.abc import Iterable


def roles_of(actor, district) -> frozenset[str]:
    """Return the roles ``actor`` holds in ``district`` (empty for anonymous visitors)."""
    if district is None or actor is None or not actor.is_authenticated or not actor.is_active:
        return frozenset()
    cache = actor.__dict__.setdefault("_knotenpunkt_roles", {})
    if district.pk not in cache:
        from knotenpunkt.districts.models import Membership

        cache[district.pk] = frozenset(
            Membership.objects.in_district(district)
            .filter(user=actor)
            .values_list("role", flat=True)
        )
    return cache[district.pk]


def has_any_role(actor, district, roles: Iterable[str]) -> bool:
    return not roles_of(actor, district).isdisjoint(roles)


def forget_roles(actor):
    """Drop the cached roles after memberships of ``actor`` changed."""
    actor.__dict__.pop("_knotenpunkt_roles", None)
