"""Background work of the offers catalogue, run by the task worker (docs/decisions/0012).

Task arguments are stored as JSON until the worker runs them: ids and plain values only.
``offers_daily`` (a command, run once a day by cron or a systemd timer) enqueues the
daily work: reminders two weeks before the confirmation deadline, and archiving offers
whose end date has passed.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

CONFIRM_SALT = "knotenpunkt.offers.confirm"


def confirm_token(offer) -> str:
    """A signed token for the "still valid" link: the offer and its current confirmation."""
    value = [offer.pk, offer.last_confirmed_at.isoformat() if offer.last_confirmed_at else ""]
    return signing.dumps(value, salt=CONFIRM_SALT)


def _reviewer_addresses(offer):
    from knotenpunkt.accounts.models import Membership
    from knotenpunkt.core.roles import Role

    from .permissions import RULES

    district_reviewers = Membership.objects.in_district(offer.district).filter(
        role__in=RULES["offers.review_any"] - {Role.DISTRICT_ADMIN}
    )
    local = Membership.objects.in_district(offer.district).filter(
        role__in=RULES["offers.review_own_municipality"],
        municipality=offer.provider.municipality_id,
    )
    addresses = (district_reviewers | local).filter(user__is_active=True)
    return sorted({email.lower() for email in addresses.values_list("user__email", flat=True)})


def _editor_addresses(offer):
    from knotenpunkt.accounts.models import Membership
    from knotenpunkt.core.roles import Role

    editors = Membership.objects.in_district(offer.district).filter(
        role=Role.PARTNER_EDITOR, affiliation__organisation=offer.provider, user__is_active=True
    )
    addresses = {email.lower() for email in editors.values_list("user__email", flat=True)}
    if not addresses and offer.contact_email:
        addresses = {offer.contact_email}
    if not addresses and offer.provider.email:
        addresses = {offer.provider.email}
    return sorted(addresses)


@task()
def notify_reviewers(offer_id: int) -> int:
    """E-mail the reviewers that an offer waits for review; return how many e-mails."""
    from .models import Offer

    offer = Offer.objects.select_related("district", "provider").filter(pk=offer_id).first()
    if offer is None:
        return 0
    url = settings.SITE_URL.rstrip("/") + reverse(
        "offers:workspace_offer",
        kwargs={"district_slug": offer.district.slug, "pk": offer.public_pk},
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("An offer waits for review: %(title)s") % {"title": offer.title}
        body = render_to_string("offers/email/review.txt", {"offer": offer, "url": url})
    recipients = _reviewer_addresses(offer)
    for address in recipients:
        send_mail(subject, body, None, [address])
    return len(recipients)


@task()
def send_confirmation_reminder(offer_id: int) -> int:
    """E-mail the provider a "still valid?" reminder with a one-click link."""
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
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Is your offer still valid? %(title)s") % {"title": offer.title}
        body = render_to_string(
            "offers/email/reminder.txt", {"offer": offer, "url": url, "deadline": deadline}
        )
    recipients = _editor_addresses(offer)
    for address in recipients:
        send_mail(subject, body, None, [address])
    offer.reminded_at = timezone.localdate()
    offer.save(update_fields=["reminded_at"])
    return len(recipients)


@task()
def archive_expired(district_id: int) -> int:
    from knotenpunkt.districts.models import District

    from .services import archive_expired_offers

    district = District.objects.filter(pk=district_id).first()
    return archive_expired_offers(district=district) if district else 0
