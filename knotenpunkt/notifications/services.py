"""Notify people: a notification in their workspace, and an e-mail as they chose.

Apps call ``notify`` inside the transaction of the change it reports; the e-mail goes
through the outbox (``outbox.services``) after the commit, in the recipient's language.
"""

from collections import defaultdict
from itertools import groupby

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from knotenpunkt.outbox.services import queue_templated_mail

from .kinds import delivery_for, kind_of
from .models import Delivery, EmailState, Notification, NotificationSetting

DIGEST_BATCH = 500


def _language(user) -> str:
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def open_url(notification) -> str:
    """The absolute address that opens a notification (and marks it read)."""
    path = reverse(
        "notifications:open",
        kwargs={"district_slug": notification.district.slug, "pk": notification.pk},
    )
    return settings.SITE_URL.rstrip("/") + path


@transaction.atomic
def notify(*, district, recipients, kind: str, actor=None, target=None, params=None) -> list:
    """Tell ``recipients`` (users) about ``kind`` of thing that happened to ``target``.

    The person who caused it is not told about their own doing; inactive people are
    skipped; each person is told once. ``params`` are plain values for the sentence (see
    the kind's ``message``); keep personal data out of them where a link is enough.
    """
    definition = kind_of(kind)
    if definition is None:
        raise ValueError(f"Unknown kind of notification: {kind}")
    people = {
        user.pk: user
        for user in recipients
        if user is not None and user.is_active and getattr(actor, "pk", None) != user.pk
    }
    chosen = dict(
        NotificationSetting.objects.filter(user__in=list(people), kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    created = []
    for user in people.values():
        delivery = delivery_for(definition, {kind: chosen[user.pk]} if user.pk in chosen else {})
        notification = Notification.objects.create(
            district=district,
            recipient=user,
            kind=kind,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            target_type=target._meta.label_lower if target is not None else "",
            target_id=str(target.pk) if target is not None else "",
            # The name of who caused it, for the sentence ("%(actor)s asks you …").
            params={"actor": str(actor) if actor is not None else "", **(params or {})},
            email_state={
                Delivery.IMMEDIATE: EmailState.QUEUED,
                Delivery.DIGEST: EmailState.DIGEST,
            }.get(delivery, EmailState.NONE),
        )
        if delivery == Delivery.IMMEDIATE:
            _queue_mail(notification, definition, user, target)
        created.append(notification)
    return created


def _queue_mail(notification, definition, user, target):
    language = _language(user)
    with translation.override(language):
        message = definition.message(notification.params)
    queue_templated_mail(
        kind=f"notifications.{notification.kind}",
        to=user.email,
        template_base="notifications/email/notification",
        context={
            "message": message,
            "url": open_url(notification) if definition.link_in_email else "",
        },
        language=language,
        district=notification.district,
        recipient=user,
        sender=notification.actor,
        related=target,
        dedupe_key=f"notification:{notification.pk}",
    )


@transaction.atomic
def resolve(*, district, kind: str, target) -> int:
    """Mark the unread notifications of ``kind`` about ``target`` read for everyone: what
    they asked for is done (e.g. someone else reviewed the offer)."""
    return (
        Notification.objects.in_district(district)
        .filter(kind=kind, target_type=target._meta.label_lower, target_id=str(target.pk))
        .unread()
        .update(read_at=timezone.now())
    )


@transaction.atomic
def mark_read(*, user, notification) -> None:
    if notification.recipient_id != user.pk:
        raise PermissionDenied
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )


@transaction.atomic
def mark_all_read(*, user, district) -> int:
    return (
        Notification.objects.in_district(district)
        .filter(recipient=user)
        .unread()
        .update(read_at=timezone.now())
    )


@transaction.atomic
def settings_save(*, user, choices: dict) -> None:
    """Keep a person's e-mail choice per kind (``{kind: delivery}``); a kind that is
    always sent at once keeps that."""
    for key, delivery in choices.items():
        definition = kind_of(key)
        if definition is None or definition.always_immediate:
            continue
        if delivery not in Delivery.values:
            raise ValueError(delivery)
        NotificationSetting.objects.update_or_create(
            user=user, kind=key, defaults={"delivery": delivery}
        )


def send_digests(*, now=None) -> int:
    """Queue one e-mail per person and district with the notifications waiting for the
    daily e-mail; return how many mails were queued."""
    now = now or timezone.now()
    sent = 0
    user_model = get_user_model()
    while True:
        with transaction.atomic():
            waiting = list(
                Notification.objects.select_for_update(skip_locked=True)
                .filter(email_state=EmailState.DIGEST)
                .select_related("district")
                .order_by("recipient_id", "district_id", "created_at", "id")[:DIGEST_BATCH]
            )
            if not waiting:
                return sent
            people = user_model.objects.in_bulk({item.recipient_id for item in waiting})
            for (user_id, _district_id), items in groupby(
                waiting, key=lambda item: (item.recipient_id, item.district_id)
            ):
                items = list(items)
                user = people.get(user_id)
                if user is not None and user.is_active:
                    _queue_digest(user, items, now)
                    sent += 1
            Notification.objects.filter(pk__in=[item.pk for item in waiting]).update(
                email_state=EmailState.DIGESTED
            )


def _queue_digest(user, items, now):
    language = _language(user)
    district = items[0].district
    lines = defaultdict(list)
    with translation.override(language):
        for item in items:
            definition = kind_of(item.kind)
            if definition is not None:
                lines[str(definition.label)].append(
                    {"message": definition.message(item.params), "url": open_url(item)}
                )
    if not lines:
        return
    queue_templated_mail(
        kind="notifications.digest",
        to=user.email,
        template_base="notifications/email/digest",
        context={"groups": sorted(lines.items()), "count": len(items)},
        language=language,
        district=district,
        recipient=user,
        dedupe_key=f"digest:{user.pk}:{district.pk}:{items[-1].pk}",
    )
