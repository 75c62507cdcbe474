"""Background work of the directory, run by the task worker (docs/decisions/0012).

Task arguments are stored as JSON until the worker runs them: pass ids and plain values,
and no e-mail addresses, so that the task table keeps no personal data.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Organisation


@task()
def send_directory_reminder(*, organisation_id: int, editor_id: int | None, edit_url: str) -> bool:
    """E-mail one reminder about a stale entry to one editor, or to the entry's own address.

    Without ``editor_id`` the reminder goes to the entry's own address and asks to tell the
    district office. Return whether an e-mail was sent: the entry or the editor may be gone
    by the time the worker runs.
    """
    organisation = (
        Organisation.objects.select_related("district").filter(pk=organisation_id).first()
    )
    if organisation is None:
        return False
    if editor_id is None:
        recipient = organisation.email
    else:
        editor = get_user_model().objects.filter(pk=editor_id, is_active=True).first()
        recipient = editor.email if editor else ""
    if not recipient:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "organisation": organisation,
            "district": organisation.district,
            "edit_url": edit_url,
            "to_editors": editor_id is not None,
        }
        subject = _("Please check the directory entry of %(name)s") % {"name": organisation.name}
        body = render_to_string("directory/email/reminder.txt", context)
    # One e-mail per person, so that editors do not see each other's addresses.
    send_mail(subject, body, None, [recipient])
    return True
