"""One upload limit: configured once, checked by every upload form, shown in the hints, and
the README's proxy limit derived from it."""

import re
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation

from knotenpunkt.directory.forms_transfer import ImportUploadForm
from knotenpunkt.downloads.forms import FILE_HELP
from knotenpunkt.downloads.validation import check_upload

README = Path(settings.BASE_DIR) / "README.md"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def test_django_keeps_uploads_up_to_the_one_limit():
    assert settings.KNOTENPUNKT_MAX_UPLOAD_BYTES == settings.KNOTENPUNKT_MAX_UPLOAD_MB * 2**20
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == settings.KNOTENPUNKT_MAX_UPLOAD_BYTES
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == settings.KNOTENPUNKT_MAX_UPLOAD_BYTES


def test_the_readme_states_the_limit_once_and_the_proxy_allows_one_mb_more():
    text = README.read_text()
    body_size = re.findall(r"client_max_body_size (\d+)m;", text)

    assert body_size == [str(settings.KNOTENPUNKT_MAX_UPLOAD_MB + 1)]
    assert f"| `KNOTENPUNKT_MAX_UPLOAD_MB` | `{settings.KNOTENPUNKT_MAX_UPLOAD_MB}` |" in text
    assert "5 MB" not in text


@override_settings(KNOTENPUNKT_MAX_UPLOAD_BYTES=2048)
def test_the_download_centre_checks_and_shows_the_configured_limit():
    with translation.override("en"):
        assert "2.0\xa0KB" in str(FILE_HELP)
        errors = []
        try:
            check_upload(SimpleUploadedFile("a.pdf", PDF + b"0" * 4096))
        except Exception as error:  # noqa: BLE001
            errors.append(error)
    assert errors and errors[0].code == "file_too_large"


@override_settings(KNOTENPUNKT_MAX_UPLOAD_BYTES=2048)
def test_the_directory_import_checks_and_shows_the_configured_limit(db):
    upload = SimpleUploadedFile("a.csv", b"name;type\r\n" + b"x;school\r\n" * 400)
    with translation.override("en"):
        form = ImportUploadForm(data={"kind": "organisations"}, files={"file": upload})

        assert not form.is_valid()
        assert "2.0\xa0KB" in str(form.fields["file"].help_text)
        assert "2.0\xa0KB" in form.errors["file"][0]
