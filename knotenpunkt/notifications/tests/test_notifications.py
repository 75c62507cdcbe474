"""People are told what happened: in the workspace, and by e-mail as they choose."""

import pytest
from django.core import mail
from django.urls import reverse

from knotenpunkt.accounts.tests.factories import UserFactory
from knotenpunkt.core.roles import Role
from knotenpunkt.notifications.models import EmailState, Notification, NotificationSetting
from knotenpunkt.notifications.services import notify, send_digests
from knotenpunkt.offers import services as offer_services
from knotenpunkt.offers.notifications import PUBLISHED, REVIEW_REQUESTED, SENT_BACK
from knotenpunkt.offers.tests.factories import OfferFactory
from knotenpunkt.outbox.models import OutgoingMail

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(district, provider, categories):
    return OfferFactory(
        district=district, provider=provider, category=categories[0], state="draft", title="Nähcafé"
    )


def _notify(district, users, draft, *recipients, kind=PUBLISHED):
    return notify(
        district=district,
        recipients=recipients,
        kind=kind,
        actor=users[Role.DISTRICT_COORDINATOR],
        target=draft,
        params={"title": draft.title},
    )


def test_each_recipient_is_told_once_but_not_the_one_who_did_it_nor_inactive_people(
    district, users, draft
):
    editor, coordinator = users[Role.PARTNER_EDITOR], users[Role.DISTRICT_COORDINATOR]
    gone = UserFactory(is_active=False)

    created = _notify(district, users, draft, editor, editor, coordinator, gone)

    assert [n.recipient for n in created] == [editor]


def test_an_immediate_notification_goes_out_through_the_outbox_in_the_recipients_language(
    district, users, draft, django_capture_on_commit_callbacks
):
    editor = users[Role.PARTNER_EDITOR]
    editor.language = "ar"
    editor.save(update_fields=["language"])

    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = _notify(district, users, draft, editor)

    row = OutgoingMail.objects.get()
    assert (row.kind, row.recipient, row.dedupe_key) == (
        f"notifications.{PUBLISHED}",
        editor,
        f"notification:{notification.pk}",
    )
    (message,) = mail.outbox
    assert message.to == [editor.email]
    assert district.name in message.subject
    assert "Nähcafé" in message.body
    html = message.alternatives[0][0]
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert reverse("notifications:open", args=[district.slug, notification.pk]) in message.body


def test_the_daily_choice_waits_for_the_digest_and_off_sends_nothing(
    district, users, draft, django_capture_on_commit_callbacks
):
    editor, municipal = users[Role.PARTNER_EDITOR], users[Role.MUNICIPAL_COORDINATOR]
    NotificationSetting.objects.create(user=editor, kind=PUBLISHED, delivery="digest")
    NotificationSetting.objects.create(user=municipal, kind=PUBLISHED, delivery="off")

    with django_capture_on_commit_callbacks(execute=True):
        _notify(district, users, draft, editor, municipal)
        _notify(district, users, draft, editor)
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=municipal, email_state=EmailState.NONE).exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests() == 1
        assert send_digests() == 0

    (digest,) = mail.outbox
    assert digest.to == [editor.email]
    assert digest.body.count("Nähcafé") == 2
    assert not Notification.objects.filter(email_state=EmailState.DIGEST).exists()


def test_a_kind_that_is_always_immediate_ignores_the_setting(
    client, district, users, municipalities, django_capture_on_commit_callbacks
):
    from knotenpunkt.accounts.models import Membership
    from knotenpunkt.accounts.services import membership_change

    volunteer = users[Role.VOLUNTEER]
    NotificationSetting.objects.create(user=volunteer, kind="accounts.role_changed", delivery="off")
    membership = Membership.objects.get(user=volunteer)

    with django_capture_on_commit_callbacks(execute=True):
        membership_change(
            actor=users[Role.DISTRICT_ADMIN],
            district=district,
            membership=membership,
            role=Role.DISTRICT_COORDINATOR,
        )

    assert [message.to for message in mail.outbox] == [[volunteer.email]]


def test_the_settings_page_keeps_each_choice(client, users):
    editor = users[Role.PARTNER_EDITOR]
    client.force_login(editor)
    url = reverse("notifications:settings")
    page = client.get(url)
    fields = page.context["form"].fields
    assert PUBLISHED in fields and SENT_BACK in fields
    assert REVIEW_REQUESTED not in fields  # partner editors review nothing
    assert fields["accounts.role_changed"].disabled

    data = {key: "immediate" for key in fields}
    data[PUBLISHED] = "digest"
    response = client.post(url, data)

    assert response.status_code == 302
    assert NotificationSetting.objects.get(user=editor, kind=PUBLISHED).delivery == "digest"
    data[SENT_BACK] = "carrier pigeon"
    assert client.post(url, data).status_code == 200
    assert not NotificationSetting.objects.filter(kind=SENT_BACK, delivery="carrier pigeon")


def test_the_list_shows_the_sentence_in_the_readers_language_and_opening_marks_it_read(
    client, district, users, draft
):
    editor = users[Role.PARTNER_EDITOR]
    (notification,) = _notify(district, users, draft, editor)
    client.force_login(editor)

    listed = client.get(reverse("notifications:list", args=[district.slug]))
    assert "Nähcafé" in listed.content.decode()
    assert listed.context["unread_notifications"] == 1

    response = client.get(reverse("notifications:open", args=[district.slug, notification.pk]))

    assert response["Location"] == reverse("offers:workspace_offer", args=[district.slug, draft.pk])
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_notification_about_something_one_may_no_longer_see_links_nowhere(
    client, district, users, draft
):
    volunteer = users[Role.VOLUNTEER]
    (notification,) = _notify(district, users, draft, volunteer)
    client.force_login(volunteer)

    listed = client.get(reverse("notifications:list", args=[district.slug]))
    response = client.get(reverse("notifications:open", args=[district.slug, notification.pk]))

    assert listed.context["rows"][0].url == ""
    offer_url = reverse("offers:workspace_offer", args=[district.slug, draft.pk])
    assert offer_url not in listed.content.decode()
    assert response["Location"] == reverse("notifications:list", args=[district.slug])


def test_someone_elses_notification_answers_404_and_stays_unread(client, district, users, draft):
    (notification,) = _notify(district, users, draft, users[Role.PARTNER_EDITOR])
    client.force_login(users[Role.MUNICIPAL_COORDINATOR])

    response = client.get(reverse("notifications:open", args=[district.slug, notification.pk]))

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_empties_the_count_in_the_header_and_on_the_home(
    client, district, users, draft
):
    editor = users[Role.PARTNER_EDITOR]
    _notify(district, users, draft, editor)
    _notify(district, users, draft, editor)
    client.force_login(editor)
    home = client.get(reverse("workspace:home", args=[district.slug]))
    panel = {p.panel.key: p for p in home.context["todo_panels"]}["notifications.unread"]
    assert panel.count == home.context["unread_notifications"] == 2

    client.post(reverse("notifications:mark_read", args=[district.slug]))

    home = client.get(reverse("workspace:home", args=[district.slug]))
    assert home.context["unread_notifications"] == 0


def test_a_partner_submits_a_coordinator_publishes_and_the_partner_is_told(
    client, district, users, draft, django_capture_on_commit_callbacks
):
    editor, coordinator = users[Role.PARTNER_EDITOR], users[Role.DISTRICT_COORDINATOR]
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("offers:offer_submit", args=[district.slug, draft.pk]))
    assert coordinator.email in {address for m in mail.outbox for address in m.to}
    assert Notification.objects.filter(recipient=coordinator, kind=REVIEW_REQUESTED).exists()

    mail.outbox.clear()
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("offers:offer_publish", args=[district.slug, draft.pk]))

    told = Notification.objects.get(recipient=editor, kind=PUBLISHED)
    assert told.actor == coordinator
    # Done is done: the request to review no longer counts as unread for anyone.
    assert not Notification.objects.filter(kind=REVIEW_REQUESTED, read_at__isnull=True)
    assert [message.to for message in mail.outbox] == [[editor.email]]
    client.force_login(editor)
    assert (
        client.get(reverse("workspace:home", args=[district.slug])).context["unread_notifications"]
        == 1
    )


def test_sending_back_tells_the_authors_with_the_note(
    district, users, draft, django_capture_on_commit_callbacks
):
    editor = users[Role.PARTNER_EDITOR]
    offer_services.offer_submit(actor=editor, offer=draft)
    with django_capture_on_commit_callbacks(execute=True):
        offer_services.offer_reject(
            actor=users[Role.DISTRICT_COORDINATOR], offer=draft, note="Bitte Ort ergänzen."
        )

    told = Notification.objects.get(recipient=editor, kind=SENT_BACK)
    assert told.params["note"] == "Bitte Ort ergänzen."
    assert "Bitte Ort ergänzen." in mail.outbox[-1].body


def test_the_list_costs_as_many_queries_for_20_notifications_as_for_5(
    client, district, users, provider, categories
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    editor = users[Role.PARTNER_EDITOR]
    client.force_login(editor)
    url = reverse("notifications:list", args=[district.slug])

    def queries_with(count):
        Notification.objects.all().delete()
        for _ in range(count):
            offer = OfferFactory(district=district, provider=provider, category=categories[0])
            _notify(district, users, offer, editor)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert len(response.context["rows"]) == count
        assert all(row.url for row in response.context["rows"])
        return len(captured)

    assert queries_with(5) == queries_with(20)
