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


def shown(notifications, *, user, district) -> list[ShownNotification]:
    """Return the notifications as shown to ``user`` (call within the reader's language)."""
    rows = []
    for notification in notifications:
        definition = kind_of(notification.kind)
        if definition is None:
            continue
        url = ""
        if definition.link and notification.target_id:
            url = definition.link(notification.target_id, user, district) or ""
        rows.append(
            ShownNotification(
                pk=notification.pk,
                message=definition.message(notification.params),
                created_at=notification.created_at,
                actor=str(notification.actor) if notification.actor else "",
                url=url,
                is_read=notification.read_at is not None,
            )
        )
    return rows


def link_of(notification, *, user, district) -> str:
    """Where a notification leads its reader now; "" if they may no longer see it."""
    definition = kind_of(notification.kind)
    if definition is None or definition.link is None or not notification.target_id:
        return ""
    return definition.link(notification.target_id, user, district) or ""


def choices_of(user) -> dict:
    """A person's e-mail choices, ``{kind: delivery}``."""
    return dict(NotificationSetting.objects.filter(user=user).values_list("kind", "delivery"))
