"""django-allauth adapter: accounts come only from invitations."""

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

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
