"""The delivery task of the outbox (docs/decisions/0015).

Running it twice for one mail is harmless: only one run can claim the mail.
"""

from django_tasks import task

from .delivery import deliver_mail


@task()
def deliver(mail_id: int) -> str:
    """Send one queued mail, if it is due and no other attempt is under way."""
    return deliver_mail(mail_id=mail_id)
