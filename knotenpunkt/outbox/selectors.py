"""Read the delivery log."""

from django.db.models import BooleanField, ExpressionWrapper, Q

from .models import RESENDABLE_STATES, OutgoingMail
from .permissions import can_view_all_mail, can_view_own_mail

# The filter of what did not arrive (failed or uncertain): what the home's panel counts.
NOT_DELIVERED = "not_delivered"


def mail_log(*, district, actor, state: str = ""):
    """Return the mails of ``district`` that ``actor`` may see, newest first.

    The bodies stay in the database; ``body_kept`` says whether the mail can be sent again.
    """
    mails = OutgoingMail.objects.in_district(district)
    if not can_view_all_mail(actor, district):
        if not can_view_own_mail(actor, district):
            return mails.none()
        mails = mails.filter(sender=actor)
    if state == NOT_DELIVERED:
        mails = mails.filter(state__in=RESENDABLE_STATES)
    elif state:
        mails = mails.filter(state=state)
    return (
        mails.select_related("recipient")
        .defer("text_body", "html_body")
        .annotate(
            body_kept=ExpressionWrapper(~Q(text_body=""), output_field=BooleanField()),
        )
        .order_by("-created_at", "-id")
    )


def count_not_delivered(actor, district) -> int:
    """The home's panel: mails the person sees in the log that did not arrive."""
    return mail_log(district=district, actor=actor, state=NOT_DELIVERED).count()
