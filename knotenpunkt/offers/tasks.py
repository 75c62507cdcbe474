"""Background work of the offers catalogue, run by the task worker (docs/decisions/0012).

Task arguments are stored as JSON until the worker runs them: ids and plain values only.
The periodic job ``offers.daily`` (offers/plugin.py; by hand: ``manage.py offers_daily``)
enqueues the daily work: reminders two weeks before the confirmation deadline, and
archiving offers whose end date has passed.
"""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from knotenpunkt.outbox.rendering import mail_language
from knotenpunkt.outbox.services import queue_templated_mail, recipient_token

CONFIRM_SALT = "knotenpunkt.offers.confirm"


def confirm_token(offer) -> str:
    """A signed token for the "still valid" link: the offer and its current confirmation."""
    value = [offer.pk, offer.last_confirmed_at.isoformat() if offer.last_confirmed_at else ""]
    return signing.dumps(value, salt=CONFIRM_SALT)


def _editor_recipients(offer):
    """Return ``(user or None, address)`` for the provider's editors, else its addresses."""
    from knotenpunkt.core.roles import Role
    from knotenpunkt.directory.affiliations import affiliated_people

    editors = affiliated_people(organisation=offer.provider, roles={Role.PARTNER_EDITOR})
    recipients = [(editor, editor.email) for editor in editors.order_by("email")]
    if not recipients and offer.contact_email:
        recipients = [(None, offer.contact_email)]
    if not recipients and offer.provider.email:
        recipients = [(None, offer.provider.email)]
    return recipients


@task()
def send_confirmation_reminder(offer_id: int) -> int:
    """Queue the "still valid?" reminder with a one-click link to the provider's editors."""
    from .models import Offer
    from .services import confirmation_due

    offer = Offer.objects.select_related("district", "provider").filter(pk=offer_id).first()
    if offer is None or offer.reminded_at is not None:
        return 0
    url = settings.SITE_URL.rstrip("/") + reverse(
        "offers:confirm",
        kwargs={"district_slug": offer.district.slug, "token": confirm_token(offer)},
    )
    deadline = confirmation_due(offer)
    recipients = _editor_recipients(offer)
    # The mails and reminded_at commit together: run again, the task finds the offer
    # reminded; the dedupe key covers a run cut off between the two.
    with transaction.atomic():
        for user, address in recipients:
            queue_templated_mail(
                kind="offers.reminder",
                to=address,
                template_base="offers/email/reminder",
                context={"offer": offer, "url": url, "deadline": deadline},
                language=mail_language(user),
                district=offer.district,
                recipient=user,
                related=offer,
                dedupe_key=(
                    f"offers.reminder:{offer.pk}:{deadline.isoformat()}:"
                    f"{recipient_token(user=user, address=address)}"
                ),
            )
        offer.reminded_at = timezone.localdate()
        offer.save(update_fields=["reminded_at"])
    return len(recipients)


@task()
def archive_expired(district_id: int) -> int:
    from knotenpunkt.districts.models import District

    from .services import archive_expired_offers

    district = District.objects.filter(pk=district_id).first()
    return archive_expired_offers(district=district) if district else 0
