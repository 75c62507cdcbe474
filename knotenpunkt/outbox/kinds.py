"""Readable names of the kinds of e-mail, for the delivery log.

An app names its kinds as ``NotificationKind``s in its plugin.py; until every app does,
the kinds of today's mails are named here, so the log never shows a bare key.
"""

from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.plugins import contributions

KNOWN_KINDS = {
    "accounts.invitation": _("Invitation"),
    "accounts.renewal_request": _("Request for a new invitation link"),
    "accounts.allauth": _("Login and account"),
    "directory.reminder": _("Reminder to check a directory entry"),
    "notifications.digest": _("Daily e-mail with new notifications"),
    "offers.reminder": _("Is the offer still valid?"),
}


def kind_label(kind: str) -> str:
    """Return the readable name of ``kind`` (the key itself if nobody named it)."""
    # A notification's mail is of the kind "notifications.<the notification's kind>".
    key = kind.removeprefix("notifications.")
    for _label, notification_kind in contributions("notification_kinds"):
        if notification_kind.key == key:
            return str(notification_kind.label)
    return str(KNOWN_KINDS.get(kind, kind))
