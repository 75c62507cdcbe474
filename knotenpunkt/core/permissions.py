"""The building block of every app's permissions.py: which roles an actor holds where.

Each app keeps its rules in its own ``permissions.py`` as a table ``RULES`` mapping an
action name to the roles allowed to do it, plus small ``can_…`` functions that views and
services call. Nothing else in the code base compares roles.
"""

from collections.abc import Callable, Iterable

from django.core.exceptions import ImproperlyConfigured

# Where roles come from: set by the app that keeps the memberships (accounts, in its
# AppConfig.ready), so that the kernel's base needs to know no app above it.
_role_source: Callable[[object, object], Iterable[str]] | None = None


def set_role_source(source: Callable[[object, object], Iterable[str]]) -> None:
    """Name the function that returns the role values of (user, district)."""
    global _role_source
    _role_source = source


def roles_of(actor, district) -> frozenset[str]:
    """Return the roles ``actor`` holds in ``district`` (empty for anonymous visitors)."""
    if district is None or actor is None or not actor.is_authenticated or not actor.is_active:
        return frozenset()
    cache = actor.__dict__.setdefault("_knotenpunkt_roles", {})
    if district.pk not in cache:
        if _role_source is None:
            raise ImproperlyConfigured("No role source: is knotenpunkt.accounts installed?")
        cache[district.pk] = frozenset(_role_source(actor, district))
    return cache[district.pk]


def has_any_role(actor, district, roles: Iterable[str]) -> bool:
    return not roles_of(actor, district).isdisjoint(roles)


def holds(*roles):
    """Return a predicate ``(actor, district)``: whether the actor holds one of ``roles``
    (for the ``visible`` of navigation entries and home panels)."""
    wanted = frozenset(roles)

    def predicate(actor, district) -> bool:
        return has_any_role(actor, district, wanted)

    return predicate


def is_member(actor, district) -> bool:
    """Whether the actor holds any role in the district."""
    return bool(roles_of(actor, district))


def forget_roles(actor):
    """Drop the cached roles after memberships of ``actor`` changed."""
    actor.__dict__.pop("_knotenpunkt_roles", None)
