"""People change their own name and language; the language switch remembers their choice."""

import pytest
from django.conf import settings
from django.urls import reverse

from knotenpunkt.accounts.models import User
from knotenpunkt.core.roles import Role

pytestmark = pytest.mark.django_db


def test_a_person_changes_their_name_and_language(client, users):
    user = users[Role.VOLUNTEER]
    client.force_login(user)

    response = client.post(reverse("accounts:profile"), {"name": " Aylin K. ", "language": "ar"})

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.name, user.language) == ("Aylin K.", "ar")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"


def test_a_bad_language_is_an_error_and_changes_nothing(client, users):
    user = users[Role.VOLUNTEER]
    client.force_login(user)

    response = client.post(reverse("accounts:profile"), {"name": "Neu", "language": "xx"})

    assert response.status_code == 200
    assert "language" in response.context["form"].errors
    user.refresh_from_db()
    assert user.name != "Neu"


def test_the_profile_needs_a_login(client):
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_language_switch_remembers_a_logged_in_persons_choice(client, users):
    user = users[Role.PARTNER_EDITOR]
    client.force_login(user)

    response = client.post(reverse("set_language"), {"language": "uk", "next": "/"})

    assert response.status_code == 302
    assert User.objects.get(pk=user.pk).language == "uk"


def test_the_language_switch_still_works_without_a_login(client):
    response = client.post(reverse("set_language"), {"language": "fa", "next": "/"})

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fa"
