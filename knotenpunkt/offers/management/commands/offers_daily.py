"""Queue the daily work of the offers catalogue (the worker runs it daily: offers/plugin.py).

For every active district: one "still valid?" reminder per published offer whose
confirmation runs out within two weeks (``services.offers_due_for_reminder``), and one task
that archives the offers past their end date. The tasks (knotenpunkt.offers.tasks) are run
by the worker (`manage.py worker`); the links in the e-mails use ``KNOTENPUNKT_SITE_URL``.
"""

from django.core.management.base import BaseCommand

from knotenpunkt.districts.models import District
from knotenpunkt.offers.services import offers_due_for_reminder
from knotenpunkt.offers.tasks import archive_expired, send_confirmation_reminder


def queue_daily_work(*, district) -> int:
    """Enqueue the reminders and the archiving for ``district``; return how many reminders."""
    due = list(offers_due_for_reminder(district).order_by("pk").values_list("pk", flat=True))
    for offer_id in due:
        send_confirmation_reminder.enqueue(offer_id)
    archive_expired.enqueue(district.pk)
    return len(due)


def queue_daily_work_everywhere() -> dict:
    """Queue the daily work of every active district; return {slug: reminders}."""
    return {
        district.slug: queue_daily_work(district=district)
        for district in District.objects.filter(is_active=True).order_by("slug")
    }


class Command(BaseCommand):
    help = (
        "Queue the daily work of the offers catalogue: reminders before the confirmation "
        "deadline and archiving of offers past their end date."
    )

    def handle(self, *args, **options):
        queued = queue_daily_work_everywhere()
        for slug, reminders in queued.items():
            self.stdout.write(
                f"{slug}: {reminders} reminder(s) queued; archiving of expired offers queued."
            )
        if not queued:
            self.stdout.write("No active district.")
