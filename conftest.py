"""Root fixtures: two districts, each with one user per role; and which tests run once."""

import os

import pytest

from knotenpunkt.accounts.tests.factories import MembershipFactory, UserFactory
from knotenpunkt.core.roles import ROLES_BOUND_TO_MUNICIPALITY, Role
from knotenpunkt.districts.tests.factories import (
    DistrictFactory,
    MunicipalityFactory,
    RegionFactory,
)

pytest_plugins = [
    "knotenpunkt.core.tests.object_storage",
    "knotenpunkt.core.tests.worker_harness",
    "knotenpunkt.directory.tests.fixtures",
    "knotenpunkt.downloads.tests.fixtures",
    "knotenpunkt.offers.tests.fixtures",
]

# Browser tests and the walk of every page check what the templates render and how a browser
# shows it, which does not depend on the database; the views they use are tested on both
# databases by the other tests. They run in the SQLite run (`make check`), and in the
# PostgreSQL run only with KNOTENPUNKT_TEST_EVERYTHING=1, so that CI stays within its 20
# minutes (docs/decisions/0018).
ONCE_MARKERS = ("browser", "walk")


@pytest.hookimpl(trylast=True)  # after portal/tests/browser/conftest.py marked its tests
def pytest_collection_modifyitems(items):
    on_postgresql = os.environ.get("KNOTENPUNKT_TEST_DATABASE_URL", "").startswith("postgres")
    if not on_postgresql or os.environ.get("KNOTENPUNKT_TEST_EVERYTHING") == "1":
        return
    skip = pytest.mark.skip(reason="runs once, in the SQLite run (KNOTENPUNKT_TEST_EVERYTHING=1)")
    for item in items:
        if any(item.get_closest_marker(name) for name in ONCE_MARKERS):
            item.add_marker(skip)


def _populate(district):
    region = RegionFactory(district=district)
    municipalities = MunicipalityFactory.create_batch(3, district=district, region=region)
    users = {}
    for role in Role:
        user = UserFactory(email=f"{role.value}@{district.slug}.example")
        MembershipFactory(
            district=district,
            user=user,
            role=role,
            municipality=municipalities[0] if role in ROLES_BOUND_TO_MUNICIPALITY else None,
        )
        users[role] = user
    return municipalities, users


@pytest.fixture
def district(db):
    return DistrictFactory(slug="nordkreis", name="Landkreis Nordkreis")


@pytest.fixture
def other_district(db):
    return DistrictFactory(slug="suedkreis", name="Landkreis Südkreis")


@pytest.fixture
def district_setup(district):
    municipalities, users = _populate(district)
    return district, municipalities, users


@pytest.fixture
def other_district_setup(other_district):
    municipalities, users = _populate(other_district)
    return other_district, municipalities, users


@pytest.fixture
def users(district_setup):
    """One user per role in ``district``: ``users[Role.DISTRICT_ADMIN]``."""
    return district_setup[2]


@pytest.fixture
def other_users(other_district_setup):
    """One user per role in ``other_district``."""
    return other_district_setup[2]


@pytest.fixture
def municipalities(district_setup):
    return district_setup[1]


@pytest.fixture
def other_municipalities(other_district_setup):
    return other_district_setup[1]


@pytest.fixture
def mfa_user(db):
    """Give ``user`` a TOTP authenticator, as roles seeing client data require."""

    def activate(user):
        from allauth.mfa.models import Authenticator

        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
        )
        return user

    return activate


@pytest.fixture(autouse=True)
def _clear_cache():
    """Start every test with an empty cache, so allauth's rate limits never carry over."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def district_admin_client(client, users):
    """The test client, logged in as the admin of ``district``."""
    client.force_login(users[Role.DISTRICT_ADMIN])
    return client


@pytest.fixture
def pages_in_english(settings):
    """Pages in English, where a test names the English msgids (pages are German otherwise)."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def german():
    """Return a function giving a msgid's German text, as pages show it by default."""
    from django.utils import translation

    def translate(text):
        with translation.override("de"):
            return translation.gettext(text)

    return translate
