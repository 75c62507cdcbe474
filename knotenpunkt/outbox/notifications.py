"""What the outbox tells people: an e-mail they sent did not arrive.

The notification itself is made by the notifications app, which reacts to the outbox's
``MailNotDelivered`` (notifications/reactions.py); the outbox only names the kind.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knotenpunkt.core.plugins import NotificationKind

from .permissions import RULES, can_view_outbox
from .selectors import NOT_DELIVERED

NOT_DELIVERED_KIND = "outbox.not_delivered"


def _links(target_ids, user, district):
    if not can_view_outbox(user, district):
        return {}
    url = reverse("outbox:log", args=[district.slug]) + f"?state={NOT_DELIVERED}"
    return dict.fromkeys(target_ids, url)


KINDS = [
    NotificationKind(
        NOT_DELIVERED_KIND,
        gettext_lazy("An e-mail I sent did not arrive"),
        message=lambda params: _("The e-mail “%(subject)s” to %(to)s did not arrive.") % params,
        links=_links,
        roles=RULES["outbox.view_all"] | RULES["outbox.view_own"],
    ),
]
