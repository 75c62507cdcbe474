"""Require a second factor from people whose roles let them see clients' personal data."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Membership

# Paths a person without a second factor may still reach: setting one up, logging out,
# and the assets those pages need.
_ALWAYS_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz/")


class MfaRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up_mfa(request):
            messages.warning(
                request,
                _(
                    "Your role gives you access to personal data. Please set up two-factor "
                    "authentication with an authenticator app before you continue."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _must_set_up_mfa(request) -> bool:
        user = request.user
        if not user.is_authenticated or request.path_info.startswith(_ALWAYS_ALLOWED_PREFIXES):
            return False
        needs_mfa = Membership.objects.filter(
            user=user, role__in=settings.KNOTENPUNKT_MFA_REQUIRED_ROLES
        ).exists()
        if not needs_mfa:
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
