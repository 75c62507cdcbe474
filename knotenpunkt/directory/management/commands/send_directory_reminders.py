"""Remind the editors of stale directory entries by e-mail (run daily, e.g. by cron).

An entry is stale when it has not been confirmed within its district's review period.
Each stale entry is reminded at most once per period; the reminder is recorded as the
audit entry "organisation.reminded", which also shows in the entry's history. The e-mails
are tasks (knotenpunkt.directory.tasks), sent by the worker (`manage.py worker`) through the outbox.
"""

from functools import partial

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.accounts.models import Membership
from knotenpunkt.core.audit import record_change
from knotenpunkt.core.lifecycle.freshness import review_period
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.core.roles import Role
from knotenpunkt.directory.models import Organisation
from knotenpunkt.directory.selectors import stale_organisations
from knotenpunkt.directory.tasks import send_directory_reminder
from knotenpunkt.districts.models import District

REMINDED = "organisation.reminded"


def reminder_editors(*, district, organisation) -> list[int]:
    """Return the ids of the active users who edit the entry.

    Editors are the partner editors bound to the organisation and the municipal
    coordinators of its seat municipality.
    """
    editors = Q(role=Role.PARTNER_EDITOR, affiliation__organisation=organisation)
    if organisation.municipality_id:
        editors |= Q(role=Role.MUNICIPAL_COORDINATOR, municipality=organisation.municipality_id)
    return sorted(
        set(
            Membership.objects.in_district(district)
            .filter(editors, user__is_active=True)
            .values_list("user_id", flat=True)
        )
    )


def send_directory_reminders(*, base_url="", now=None) -> int:
    """Queue reminders for every stale entry not reminded in this period; return the count."""
    now = now or timezone.now()
    count = 0
    for district in District.objects.all():
        since = now - review_period(district.directory_review_months)
        reminded = {
            int(target_id)
            for target_id in AuditEntry.objects.in_district(district)
            .filter(
                action=REMINDED,
                target_type=Organisation._meta.label_lower,
                created_at__gte=since,
            )
            .values_list("target_id", flat=True)
        }
        stale = stale_organisations(district=district, today=timezone.localdate(now))
        for organisation in stale.exclude(pk__in=reminded):
            editor_ids = reminder_editors(district=district, organisation=organisation)
            if not editor_ids and not organisation.email:
                continue
            # Without editors, the entry's own address (None) is reminded to tell the office.
            recipient_ids = editor_ids or [None]
            edit_url = base_url + reverse(
                "directory:workspace_organisation",
                kwargs={"district_slug": district.slug, "pk": organisation.pk},
            )
            with transaction.atomic():
                # No addresses in the audit log: it keeps no personal data it does not need.
                record_change(
                    actor=None,
                    district=district,
                    action=REMINDED,
                    target=organisation,
                    changes={"recipients": str(len(recipient_ids))},
                )
                # One task, and so one e-mail, per person; the worker sends them.
                for editor_id in recipient_ids:
                    transaction.on_commit(
                        partial(
                            send_directory_reminder.enqueue,
                            organisation_id=organisation.pk,
                            editor_id=editor_id,
                            edit_url=edit_url,
                        )
                    )
            count += 1
    return count


class Command(BaseCommand):
    help = "E-mail the editors of directory entries that have not been confirmed for too long."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=settings.SITE_URL,
            help="Scheme and host for the links in the e-mails, e.g. https://knotenpunkt.example",
        )

    def handle(self, *args, base_url, **options):
        count = send_directory_reminders(base_url=base_url.rstrip("/"))
        self.stdout.write(f"{count} reminder(s) queued.")
