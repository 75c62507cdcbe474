"""Fill the demo districts: every app's demo loader, in order, in one transaction."""

from django.core.management.base import BaseCommand
from django.utils import translation

from knotenpunkt.core.demo import load_demo
from knotenpunkt.core.roles import ROLES_SEEING_CLIENT_DATA


class Command(BaseCommand):
    help = "Create or update the fictional demo districts and print their logins (idempotent)."

    def handle(self, *args, **options):
        with translation.override("de"):
            logins = load_demo()
            labels_with_mfa = {str(role.label) for role in ROLES_SEEING_CLIENT_DATA}
            self.stdout.write(self.style.SUCCESS("Demo districts are ready."))
            passwords = sorted({login.password for login in logins})
            self.stdout.write(f"Demo logins (password for all: {', '.join(passwords)}):")
            for login in logins:
                extra = f" ({login.municipality})" if login.municipality else ""
                mfa = (
                    "  [sets up two-factor authentication at first login]"
                    if (str(login.role) in labels_with_mfa)
                    else ""
                )
                self.stdout.write(
                    f"  {login.district:22} {login.role!s:32} {login.email}{extra}{mfa}"
                )
