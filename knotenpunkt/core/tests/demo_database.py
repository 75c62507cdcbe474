"""The demo districts, loaded once per test module (loading takes seconds) and rolled back
after it, so that the tests after it start from an empty database again.

Use it as ``from knotenpunkt.core.tests.demo_database import demo  # noqa: F401`` and ask for
``demo`` (with ``db``) in the tests.
"""

import pytest
from django.conf import settings
from django.db import transaction

from knotenpunkt.core.demo import load_demo

DEMO_DISTRICT = "mittelwald"


class _RollBack(Exception):
    pass


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo inside a transaction that is undone after the module's tests."""
    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                load_demo()
                yield DEMO_DISTRICT
                raise _RollBack
        except _RollBack:
            pass


def demo_members(district_slug):
    """Return {role: user} of the demo district, each able to open the workspace."""
    from allauth.mfa.models import Authenticator

    from knotenpunkt.accounts.models import Membership

    members = {}
    for membership in Membership.objects.filter(district__slug=district_slug).select_related(
        "user"
    ):
        members.setdefault(membership.role, membership.user)
    for role in settings.KNOTENPUNKT_MFA_REQUIRED_ROLES:
        if role in members:
            # Without a second factor they would be sent to its set-up (tested in test_mfa).
            Authenticator.objects.get_or_create(
                user=members[role],
                type=Authenticator.Type.TOTP,
                defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}},
            )
    return members
