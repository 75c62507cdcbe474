"""Uploads are checked by their content, not by their name; names are sanitised."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from knotenpunkt.downloads.validation import check_upload, sanitise_filename

from .factories import EXE_BYTES, PDF_BYTES, PNG_BYTES


def test_a_pdf_is_accepted_with_the_type_read_from_its_content():
    checked = check_upload(SimpleUploadedFile("Flyer 2026.pdf", PDF_BYTES, "text/html"))

    assert checked.content_type == "application/pdf"
    assert checked.name == "Flyer_2026.pdf"
    assert checked.size == len(PDF_BYTES)


def test_the_stored_extension_follows_the_content_not_the_name():
    checked = check_upload(SimpleUploadedFile("bild.pdf", PNG_BYTES, "application/pdf"))

    assert checked.content_type == "image/png"
    assert checked.name == "bild.png"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("programm.pdf", EXE_BYTES),
        ("seite.pdf", b"<html><script>alert(1)</script></html>"),
        ("archiv.docx", b"PK\x03\x04" + b"\x00" * 40),
    ],
)
def test_a_file_of_another_type_is_refused_whatever_its_name(name, content):
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile(name, content))

    assert error.value.code == "file_type"


def test_a_file_over_the_size_limit_is_refused():
    upload = SimpleUploadedFile(
        "gross.pdf", PDF_BYTES + b"0" * settings.KNOTENPUNKT_MAX_UPLOAD_BYTES
    )

    with pytest.raises(ValidationError) as error:
        check_upload(upload)

    assert error.value.code == "file_too_large"


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("leer.pdf", b""))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\x\\Antrag (neu).pdf", "Antrag_neu.pdf"),
        ("..", "document.pdf"),
        ("", "document.pdf"),
        ("Übersicht Ämter.pdf", "Übersicht_Ämter.pdf"),
        ("a" * 300 + ".pdf", "a" * 96 + ".pdf"),
    ],
)
def test_file_names_are_sanitised_and_shortened(name, expected):
    assert sanitise_filename(name, "pdf") == expected
