"""The demo logins: one person per role in the demo district, two in the second one.

Every person is generated with Faker's de_DE locale from a fixed seed; no real persons.
"""

from allauth.account.models import EmailAddress
from faker import Faker

from knotenpunkt.core.plugins import DemoLogin
from knotenpunkt.core.roles import ROLES_BOUND_TO_MUNICIPALITY, Role
from knotenpunkt.districts.demo import SECOND_DISTRICT, demo_district
from knotenpunkt.districts.models import Municipality

from .models import User
from .services import membership_grant

DEMO_PASSWORD = "knotenpunkt-demo"  # noqa: S105  (printed for the demo; not a secret)


def demo_email(role, district_slug) -> str:
    return f"{role.replace('_', '-')}@{district_slug}.example"


def _upsert_user(*, email, fake):
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, DEMO_PASSWORD, name=fake.name())
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def load_people_demo() -> list[DemoLogin]:
    """Create or update the demo logins and their roles; return them."""
    fake = Faker("de_DE")
    fake.seed_instance(4712)
    logins = []
    main = demo_district()
    first_municipality = Municipality.objects.in_district(main).order_by("official_key").first()
    for role in Role:
        municipality = first_municipality if role in ROLES_BOUND_TO_MUNICIPALITY else None
        email = demo_email(role.value, main.slug)
        user = _upsert_user(email=email, fake=fake)
        membership_grant(district=main, user=user, role=role, municipality=municipality)
        logins.append(
            DemoLogin(
                main.name,
                role.label,
                email,
                municipality.name if municipality else "",
                password=DEMO_PASSWORD,
            )
        )
    second = demo_district(SECOND_DISTRICT)
    for role in (Role.DISTRICT_ADMIN, Role.DISTRICT_COORDINATOR):
        email = demo_email(role.value, second.slug)
        user = _upsert_user(email=email, fake=fake)
        membership_grant(district=second, user=user, role=role)
        logins.append(DemoLogin(second.name, role.label, email, password=DEMO_PASSWORD))
    return logins
