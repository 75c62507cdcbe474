"""Reads of notifications: a person's list and the number of unread ones."""

from dataclasses import dataclass

from .kinds import kind_of
from .models import Notification, NotificationSetting


@dataclass(frozen=True)
class ShownNotification:
    """A notification as its reader sees it: the sentence in their language, and a link
    only to what they may still see."""

    pk: int
    message: str
    created_at: object
    actor: str
    url: str
    is_read: bool


def notifications_of(*, user, district):
    return (
        Notification.objects.in_district(district)
        .filter(recipient=user)
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


def count_unread(user, district) -> int:
    return notifications_of(user=user, district=district).unread().count()


def _links(notifications, *, user, district) -> dict:
    """Return ``{notification pk: address}``: one call of each kind's ``links`` for all its
    notifications, so a page costs the same number of queries however long it is."""
    by_kind = {}
    for notification in notifications:
        if notification.target_id:
            by_kind.setdefault(notification.kind, []).append(notification)
    urls = {}
    for kind, items in by_kind.items():
        definition = kind_of(kind)
        if definition is None or definition.links is None:
            continue
        found = definition.links(sorted({item.target_id for item in items}), user, district)
        for item in items:
            urls[item.pk] = found.get(item.target_id, "")
    return urls


def shown(notifications, *, user, district) -> list[ShownNotification]:
    """Return the notifications as shown to ``user`` (call within the reader's language)."""
    notifications = list(notifications)
    urls = _links(notifications, user=user, district=district)
    rows = []
    for notification in notifications:
        definition = kind_of(notification.kind)
        if definition is None:
            continue
        rows.append(
            ShownNotification(
                pk=notification.pk,
                message=definition.message(notification.params),
                created_at=notification.created_at,
                actor=str(notification.actor) if notification.actor else "",
                url=urls.get(notification.pk, ""),
                is_read=notification.read_at is not None,
            )
        )
    return rows


def link_of(notification, *, user, district) -> str:
    """Where a notification leads its reader now; "" if they may no longer see it."""
    return _links([notification], user=user, district=district).get(notification.pk, "")


def choices_of(user) -> dict:
    """A person's e-mail choices, ``{kind: delivery}``."""
    return dict(NotificationSetting.objects.filter(user=user).values_list("kind", "delivery"))
