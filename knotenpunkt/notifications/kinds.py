"""The kinds of notification the apps declare (``core.plugins.NotificationKind``)."""

from functools import cache

from knotenpunkt.core.permissions import roles_of
from knotenpunkt.core.plugins import contributions

from .models import Delivery


@cache
def notification_kinds() -> dict:
    """Return ``{key: NotificationKind}`` of every installed app."""
    return {kind.key: kind for _app, kind in contributions("notification_kinds")}


def kind_of(key):
    """Return the kind ``key``; an unknown kind (its app removed) is None."""
    return notification_kinds().get(key)


def delivery_for(kind, chosen: dict) -> str:
    """How a person hears of ``kind``, given their ``{key: delivery}`` choices."""
    if kind.always_immediate:
        return Delivery.IMMEDIATE
    return chosen.get(kind.key) or kind.delivery


def kinds_for(user, districts) -> list:
    """The kinds ``user`` can receive in any of ``districts`` (for the settings page; the
    roles come from ``roles_of``, one query per district, and installations have few)."""
    roles = set()
    for district in districts:
        roles |= roles_of(user, district)
    return [
        kind
        for kind in notification_kinds().values()
        if not kind.roles or not roles.isdisjoint(kind.roles)
    ]
