from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from knotenpunkt.accounts.models import Invitation, Membership, User, hash_invitation_token

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class InvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation; pass ``token=…`` to know the link, ``expired=True`` for an old one."""

    class Meta:
        model = Invitation

    class Params:
        token = factory.LazyFunction(Invitation.new_token)
        expired = factory.Trait(
            expires_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
        )

    district = factory.SubFactory("knotenpunkt.districts.tests.factories.DistrictFactory")
    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    role = "volunteer"
    token_hash = factory.LazyAttribute(lambda o: hash_invitation_token(o.token))
    invited_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    district = factory.SubFactory("knotenpunkt.districts.tests.factories.DistrictFactory")
    user = factory.SubFactory(UserFactory)
    role = "volunteer"
