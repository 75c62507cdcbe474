"""django-allauth adapter: accounts come only from invitations."""

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from allauth.mfa.models import Authenticator
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation

from knotenpunkt.outbox.rendering import html_from_text
from knotenpunkt.outbox.services import queue_mail

from .models import User


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Queue allauth's mails (password reset, e-mail confirmation …) in the outbox.

        allauth's templates write the message, in the person's own language if the account
        has one, else in the language the page was shown in; the worker sends it.
        """
        user = _account_of(email)
        language = getattr(user, "language", "") or translation.get_language()
        request = allauth_context.request
        full_context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
        }
        full_context.update(context)
        with translation.override(language):
            message = self.render_mail(template_prefix, email, full_context)
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        ) or html_from_text(message.body, subject=message.subject, language=language)
        queue_mail(
            kind="accounts.allauth",
            to=email,
            subject=message.subject,
            text=message.body,
            html=html,
            recipient=user,
        )

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Do not ask for the password again when someone sets up a first second factor
        right after logging in with it.

        Roles that see client data are sent to the TOTP set-up straight after their first
        login; a second password prompt there only confuses. Changing an existing second
        factor still requires re-authentication.
        """
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = getattr(self, "request", None)
        if not required or app != "allauth.mfa" or request is None:
            return required
        user = request.user
        if not user.is_authenticated or Authenticator.objects.filter(user=user).exists():
            return required
        now = time.time()
        recent_password_login = any(
            record.get("method") == "password"
            and now - record.get("at", 0) < account_settings.REAUTHENTICATION_TIMEOUT
            for record in get_authentication_records(request, user)
        )
        return not recent_password_login


def _account_of(email: str):
    """Return the account that owns ``email``, or None (allauth also mails unknown ones)."""
    address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    if address is not None:
        return address.user
    return User.objects.filter(email__iexact=email).first()
