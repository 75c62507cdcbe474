"""How notifications follow other kernel apps (declared in notifications/plugin.py)."""

from knotenpunkt.outbox.events import MailNotDelivered
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.outbox.notifications import NOT_DELIVERED_KIND

from .models import Notification
from .services import notify


def tell_sender_not_delivered(event: MailNotDelivered) -> None:
    """Tell the person who caused a mail that it did not arrive (once per mail)."""
    mail = (
        OutgoingMail.objects.select_related("district", "sender")
        .filter(pk=event.mail_id, district_id=event.district_id)
        .first()
    )
    if mail is None or mail.sender is None:
        return
    already = Notification.objects.filter(
        kind=NOT_DELIVERED_KIND, target_type=mail._meta.label_lower, target_id=str(mail.pk)
    )
    if already.exists():
        return
    notify(
        district=mail.district,
        recipients=[mail.sender],
        kind=NOT_DELIVERED_KIND,
        target=mail,
        params={"subject": mail.subject, "to": mail.to},
    )
