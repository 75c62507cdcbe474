"""Background work of the directory, run by the task worker (docs/decisions/0012).

Task arguments are stored as JSON until the worker runs them: pass ids and plain values,
and no e-mail addresses, so that the task table keeps no personal data. A task may run
again after its worker died; the outbox's dedupe key makes that send nothing twice.
"""

from django.contrib.auth import get_user_model
from django_tasks import TaskContext, task

from knotenpunkt.outbox.rendering import mail_language
from knotenpunkt.outbox.services import queue_templated_mail, recipient_token

from .models import Organisation


@task(takes_context=True)
def send_directory_reminder(
    context: TaskContext, *, organisation_id: int, editor_id: int | None, edit_url: str
) -> bool:
    """Queue one reminder about a stale entry to one editor, or to the entry's own address.

    Without ``editor_id`` the reminder goes to the entry's own address and asks to tell the
    district office. Return whether an e-mail was queued: the entry or the editor may be
    gone by the time the worker runs.
    """
    organisation = (
        Organisation.objects.select_related("district").filter(pk=organisation_id).first()
    )
    if organisation is None:
        return False
    editor = None
    if editor_id is None:
        address = organisation.email
    else:
        editor = get_user_model().objects.filter(pk=editor_id, is_active=True).first()
        address = editor.email if editor else ""
    if not address:
        return False
    # One e-mail per person, so that editors do not see each other's addresses. This task's
    # id names this reminder: run again, it finds its mail queued already.
    recipient = recipient_token(user=editor, address=address)
    queue_templated_mail(
        kind="directory.reminder",
        to=address,
        template_base="directory/email/reminder",
        context={
            "organisation": organisation,
            "edit_url": edit_url,
            "to_editors": editor_id is not None,
        },
        language=mail_language(editor),
        district=organisation.district,
        recipient=editor,
        related=organisation,
        dedupe_key=f"directory.reminder:{context.task_result.id}:{recipient}",
    )
    return True
