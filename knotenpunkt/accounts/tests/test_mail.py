"""The mails of accounts go through the outbox: recorded, multipart, never sent by a request."""

import re

from django.core import mail
from django.urls import reverse

from knotenpunkt.accounts.models import Invitation
from knotenpunkt.accounts.tests.factories import InvitationFactory
from knotenpunkt.core.roles import Role
from knotenpunkt.outbox.models import MailState, OutgoingMail
from knotenpunkt.outbox.tests.smtp import free_port


def _invite(client, district, email="neu@example.org"):
    return client.post(
        reverse("accounts:invite", kwargs={"district_slug": district.slug}),
        {"email": email, "role": Role.VOLUNTEER},
    )


def test_an_invitation_is_recorded_with_the_inviting_administrator_as_sender(
    district_admin_client, district, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(district_admin_client, district)

    invitation = Invitation.objects.get()
    row = OutgoingMail.objects.get()
    assert row.kind == "accounts.invitation"
    assert (row.district, row.sender, row.to) == (
        district,
        users[Role.DISTRICT_ADMIN],
        invitation.email,
    )
    assert (row.related_type.model, row.related_id) == ("invitation", str(invitation.pk))
    assert "@" not in row.related_label, "the label of the related record is not personal"
    assert row.dedupe_key.startswith(f"accounts.invitation:{invitation.pk}:")
    assert row.state == MailState.SENT
    [message] = mail.outbox
    html = message.alternatives[0][0]
    link = re.search(r'href="(http://testserver/nordkreis/einladung/[\w-]+/)"', html)
    assert link and link.group(1) in message.body, "the HTML has the same link, clickable"
    assert 'lang="de"' in html and "Landkreis Nordkreis" in html


def test_with_the_mail_server_down_an_invitation_is_saved_and_its_mail_waits(
    district_admin_client, district, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()

    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(district_admin_client, district)

    assert response.status_code == 302, "no 500: the request sends nothing itself"
    assert Invitation.objects.exists()
    row = OutgoingMail.objects.get()
    assert (row.state, row.attempts) == (MailState.RETRYING, 1)
    assert "einladung/" in row.text_body, "the mail is kept until it can be sent"


def test_the_renewal_request_goes_to_the_inviter_and_is_recorded_once(
    client, district, users, django_capture_on_commit_callbacks
):
    InvitationFactory(
        district=district,
        token="abgelaufen",
        email="spaet@example.org",
        expired=True,
        invited_by=users[Role.DISTRICT_ADMIN],
    )
    url = reverse(
        "accounts:invitation_renewal",
        kwargs={"district_slug": district.slug, "token": "abgelaufen"},
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
        client.post(url)

    row = OutgoingMail.objects.get()
    assert row.kind == "accounts.renewal_request"
    assert row.recipient == users[Role.DISTRICT_ADMIN]
    assert row.sender is None, "the invited person has no account to name"
    assert "/nordkreis/workspace/members/" in mail.outbox[0].body


def test_allauths_password_reset_mail_goes_through_the_outbox_as_multipart(
    client, users, django_capture_on_commit_callbacks
):
    person = users[Role.VOLUNTEER]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": person.email})

    row = OutgoingMail.objects.get()
    assert (row.kind, row.recipient, row.district) == ("accounts.allauth", person, None)
    [message] = mail.outbox
    assert message.subject.startswith("[Knotenpunkt]")
    html = message.alternatives[0][0]
    assert "/accounts/password/reset/key/" in html
    assert '<a href="http' in html, "links are clickable"
