"""Read the delivery log."""

from django.db.models import BooleanField, ExpressionWrapper, Q

from .models import OutgoingMail
from .permissions import can_view_all_mail, can_view_own_mail


def mail_log(*, district, actor, state: str = ""):
    """Return the mails of ``district`` that ``actor`` may see, newest first.

    The bodies stay in the database; ``body_kept`` says whether the mail can be sent again.
    """
    mails = OutgoingMail.objects.in_district(district)
    if not can_view_all_mail(actor, district):
        if not can_view_own_mail(actor, district):
            return mails.none()
        mails = mails.filter(sender=actor)
    if state:
        mails = mails.filter(state=state)
    return (
        mails.select_related("recipient")
        .defer("text_body", "html_body")
        .annotate(
            body_kept=ExpressionWrapper(~Q(text_body=""), output_field=BooleanField()),
        )
        .order_by("-created_at", "-id")
    )
