"""What happens in the outbox that other apps may react to (``core.events``)."""

from dataclasses import dataclass

from knotenpunkt.core.events import Event, publish

# The mails that tell a sender about a mail that did not arrive: no event about
# themselves, or a broken address would tell about itself without end.
QUIET_KINDS_PREFIX = "notifications.outbox."


@dataclass(frozen=True)
class MailNotDelivered(Event):
    """A mail with a sender failed for good, or may not have arrived (uncertain)."""

    mail_id: int


def publish_not_delivered(mails) -> None:
    """Publish ``MailNotDelivered`` for those of ``mails`` (rows with ``pk``, ``district_id``,
    ``sender_id`` and ``kind``) that someone sent in a district."""
    for mail in mails:
        if mail.sender_id and mail.district_id and not mail.kind.startswith(QUIET_KINDS_PREFIX):
            publish(MailNotDelivered(district_id=mail.district_id, mail_id=mail.pk))
