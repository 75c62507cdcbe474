"""Background work of the offers catalogue, run by the task worker (docs/decisions/0012).

Task arguments are stored as JSON until the worker runs them: ids and plain values only.
``offers_daily`` (a command, run once a day by cron or a systemd timer) enqueues the
daily work: reminders two weeks before the confirmation deadline, and archiving offers
whose end date has passed.
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


def _reviewers(offer):
    """Return the active users who review ``offer`` and get the "waits for review" e-mail."""
    from django.contrib.auth import get_user_model

    from knotenpunkt.core.roles import Role
    from knotenpunkt.districts.models import Membership

    from .permissions import RULES

    district_reviewers = Membership.objects.in_district(offer.district).filter(
        role__in=RULES["offers.review_any"] - {Role.DISTRICT_ADMIN}
    )
    local = Membership.objects.in_district(offer.district).filter(
        role__in=RULES["offers.review_own_municipality"],
        municipality=offer.provider.municipality_id,
    )
    user_ids = (district_reviewers | local).values_list("user_id", flat=True)
    return list(get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("email"))


def _editor_recipients(offer):
    """Return ``(user or None, address)`` for the provider's editors, else its addresses."""
    from django.contrib.auth import get_user_model

    from knotenpunkt.core.roles import Role
    from knotenpunkt.districts.models import Membership

    editor_ids = (
        Membership.objects.in_district(offer.district)
        .filter(role=Role.PARTNER_EDITOR, organisation=offer.provider)
        .values_list("user_id", flat=True)
    )
    editors = get_user_model().objects.filter(pk__in=editor_ids, is_active=True)
    recipients = [(editor, editor.email) for editor in editors.order_by("email")]
    if not recipients and offer.contact_email:
        recipients = [(None, offer.contact_email)]
    if not recipients and offer.provider.email:
        recipients = [(None, offer.provider.email)]
    return recipients


@task()
def notify_reviewers(offer_id: int, submission_id: int | None = None) -> int:
    """Queue the "waits for review" e-mail to each reviewer; return how many.

    ``submission_id`` is the audit entry of the submission: it names the person who
    submitted, and with the offer and the reviewer it makes the dedupe key, so that a
    task run twice e-mails nobody twice, while a second submission is a new message.
    """
    from knotenpunkt.core.models import AuditEntry

    from .models import Offer

    offer = Offer.objects.select_related("district", "provider").filter(pk=offer_id).first()
    if offer is None:
        return 0
    submission = (
        AuditEntry.objects.select_related("actor").filter(pk=submission_id).first()
        if submission_id
        else None
    )
    occasion = submission_id or f"t{int(offer.updated_at.timestamp())}"
    url = settings.SITE_URL.rstrip("/") + reverse(
        "offers:workspace_offer",
        kwargs={"district_slug": offer.district.slug, "pk": offer.public_pk},
    )
    reviewers = _reviewers(offer)
    with transaction.atomic():
        for reviewer in reviewers:
            queue_templated_mail(
                kind="offers.review",
                to=reviewer.email,
                template_base="offers/email/review",
                context={"offer": offer, "url": url},
                language=mail_language(reviewer),
                district=offer.district,
                recipient=reviewer,
                sender=submission.actor if submission else None,
                related=offer.revision_of or offer,
                dedupe_key=f"offers.review:{offer.pk}:{occasion}:{reviewer.pk}",
            )
    return len(reviewers)


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
