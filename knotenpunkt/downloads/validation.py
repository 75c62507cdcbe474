"""Check uploads by their content, not by their name, and sanitise file names."""

from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from knotenpunkt.core.uploads import check_upload_size

MAX_NAME_LENGTH = 100
# MIME type as ``filetype`` detects it from the content -> extension of the stored file.
ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
# ``filetype`` looks at this many bytes from the start.
SIGNATURE_BYTES = 8192


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    content_type: str
    size: int


def sanitise_filename(name: str, extension: str) -> str:
    """Return a safe, short file name with ``extension`` (the one matching the content)."""
    stem = PurePath(str(name).replace("\\", "/")).stem
    try:
        stem = get_valid_filename(stem)
    except SuspiciousFileOperation:  # "", "." and ".." have no valid name
        stem = ""
    stem = stem.strip("._-")[: MAX_NAME_LENGTH - len(extension) - 1] or "document"
    return f"{stem}.{extension}"


def check_upload(upload) -> CheckedUpload:
    """Return name, type and size of an allowed upload; raise ValidationError otherwise."""
    size = upload.size
    check_upload_size(size)
    if size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    upload.seek(0)
    head = upload.read(SIGNATURE_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "This type of file is not allowed. Upload a PDF, PNG or JPEG file, or a "
                "document or spreadsheet (DOCX, XLSX, ODT, ODS)."
            ),
            code="file_type",
        )
    return CheckedUpload(
        name=sanitise_filename(upload.name, ALLOWED_TYPES[kind.mime]),
        content_type=kind.mime,
        size=size,
    )
