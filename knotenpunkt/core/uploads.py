"""The one limit on the size of uploaded files (settings.KNOTENPUNKT_MAX_UPLOAD_BYTES, from
KNOTENPUNKT_MAX_UPLOAD_MB): the forms check it, Django's upload settings follow it, the
hints show it, and the README derives the reverse proxy's limit from it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def max_upload_bytes() -> int:
    return settings.KNOTENPUNKT_MAX_UPLOAD_BYTES


def upload_limit() -> str:
    """The limit for people: "10.0 MB" in their language's number format."""
    return filesizeformat(max_upload_bytes())


def check_upload_size(size: int):
    """Raise ValidationError if a file of ``size`` bytes is over the limit."""
    if size > max_upload_bytes():
        raise ValidationError(
            _("The file is too large (%(size)s). Files may have at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": upload_limit()},
            code="file_too_large",
        )
