"""The delivery log: who sees which mails, the filter, and "send again"."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.core.roles import Role
from knotenpunkt.outbox import services
from knotenpunkt.outbox.models import MailState, OutgoingMail

pytestmark = pytest.mark.django_db


def _log_url(district, **query):
    url = reverse("outbox:log", kwargs={"district_slug": district.slug})
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def _resend_url(district, row):
    return reverse("outbox:resend", kwargs={"district_slug": district.slug, "pk": row.pk})


def _mail(district, *, sender=None, state=MailState.SENT, subject="Betreff", **extra):
    row = services.queue_mail(
        kind="accounts.invitation",
        to=extra.pop("to", "neu@example.org"),
        subject=subject,
        text="Text mit Link",
        district=district,
        sender=sender,
        **extra,
    )
    OutgoingMail.objects.filter(pk=row.pk).update(state=state, last_error=extra.get("error", ""))
    return row


@pytest.fixture
def mails(district, other_district, users, other_users):
    return {
        "admin": _mail(district, sender=users[Role.DISTRICT_ADMIN], subject="Vom Admin"),
        "coordinator": _mail(
            district,
            sender=users[Role.DISTRICT_COORDINATOR],
            subject="Vom Koordinator",
            state=MailState.FAILED,
        ),
        "automatic": _mail(district, subject="Automatisch", state=MailState.UNCERTAIN),
        "foreign": _mail(other_district, sender=other_users[Role.DISTRICT_ADMIN], subject="Fremd"),
    }


def test_the_administrator_sees_every_mail_of_the_district_and_no_other(
    client, district, users, mails, german
):
    client.force_login(users[Role.DISTRICT_ADMIN])

    html = client.get(_log_url(district)).content.decode()

    for subject in ("Vom Admin", "Vom Koordinator", "Automatisch"):
        assert subject in html
    assert "Fremd" not in html
    assert german("Invitation") in html, "the kind has a readable name"
    assert german("Uncertain") in html, "the state is written, not only coloured"


def test_a_coordinator_sees_only_the_mails_their_own_actions_caused(client, district, users, mails):
    client.force_login(users[Role.DISTRICT_COORDINATOR])

    html = client.get(_log_url(district)).content.decode()

    assert "Vom Koordinator" in html
    assert "Vom Admin" not in html and "Automatisch" not in html


def test_the_log_filters_by_state_and_explains_errors_in_plain_words(
    client, district, users, mails, german
):
    OutgoingMail.objects.filter(pk=mails["coordinator"].pk).update(
        last_error="SMTPRecipientsRefused 550 5.1.1 <address> unknown"
    )
    client.force_login(users[Role.DISTRICT_ADMIN])

    html = client.get(_log_url(district, state="failed")).content.decode()

    assert "Vom Koordinator" in html and "Vom Admin" not in html
    assert german("The mail server refused the e-mail (code %(code)s).") % {"code": "550"} in html


def test_the_log_reads_a_page_of_10_or_100_mails_with_the_same_queries(client, district, users):
    client.force_login(users[Role.DISTRICT_ADMIN])
    for number in range(10):
        _mail(district, subject=f"Mail {number}", recipient=users[Role.VOLUNTEER])
    client.get(_log_url(district))

    with CaptureQueriesContext(connection) as ten:
        client.get(_log_url(district))
    for number in range(90):
        _mail(district, subject=f"Mehr {number}", recipient=users[Role.VOLUNTEER])
    with CaptureQueriesContext(connection) as hundred:
        response = client.get(_log_url(district))

    assert response.status_code == 200
    assert len(hundred) == len(ten)


def test_the_sender_sends_a_failed_mail_again_and_it_goes_out(
    client, district, users, mails, django_capture_on_commit_callbacks
):
    client.force_login(users[Role.DISTRICT_COORDINATOR])
    row = mails["coordinator"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_resend_url(district, row))

    assert response.status_code == 302
    row.refresh_from_db()
    assert row.state == MailState.SENT
    assert [message.extra_headers["Message-ID"] for message in mail.outbox] == [row.message_id]
    assert AuditEntry.objects.filter(action="outbox.resend", target_id=str(row.pk)).exists()


def test_an_uncertain_mail_can_be_sent_again_by_the_administrator(
    client, district, users, mails, django_capture_on_commit_callbacks
):
    client.force_login(users[Role.DISTRICT_ADMIN])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_resend_url(district, mails["automatic"]))

    assert OutgoingMail.objects.get(pk=mails["automatic"].pk).state == MailState.SENT


@pytest.mark.parametrize(
    ("role", "which", "expected"),
    [
        (Role.DISTRICT_COORDINATOR, "automatic", 404),  # not their mail
        (Role.MUNICIPAL_COORDINATOR, "coordinator", 404),
        (Role.VOLUNTEER, "coordinator", 403),
        (Role.DISTRICT_ADMIN, "foreign", 404),
    ],
)
def test_nobody_sends_again_a_mail_they_may_not_see(
    client, district, users, mails, role, which, expected
):
    client.force_login(users[role])

    response = client.post(_resend_url(district, mails[which]))

    assert response.status_code == expected
    assert OutgoingMail.objects.get(pk=mails[which].pk).state != MailState.QUEUED


def test_a_sent_mail_or_one_without_its_text_cannot_be_sent_again(
    client, district, users, mails, german
):
    client.force_login(users[Role.DISTRICT_ADMIN])
    OutgoingMail.objects.filter(pk=mails["coordinator"].pk).update(text_body="", html_body="")

    for row in (mails["admin"], mails["coordinator"]):
        response = client.post(_resend_url(district, row), follow=True)
        assert german("This e-mail can no longer be sent again.") in response.content.decode()
    html = client.get(_log_url(district)).content.decode()
    assert html.count('action="' + _resend_url(district, mails["automatic"])) == 1
    assert _resend_url(district, mails["coordinator"]) not in html
