"""The services of the download centre: permission, versions, audit, files."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.core.roles import Role
from knotenpunkt.downloads.models import Document, DocumentCategory, DocumentVersion
from knotenpunkt.downloads.services import (
    document_add_version,
    document_create,
    document_delete,
    document_update,
)

from .factories import EXE_BYTES, PNG_BYTES, pdf_upload


def _create(district, actor, **overrides):
    values = {
        "title": "Willkommensflyer",
        "description": "Für Neuankommende.",
        "category": DocumentCategory.FLYER,
        "is_public": True,
        "file": pdf_upload("Willkommen (2026).pdf"),
        **overrides,
    }
    return document_create(actor=actor, district=district, **values)


def test_a_district_coordinator_creates_a_document_with_its_first_version(district, users):
    actor = users[Role.DISTRICT_COORDINATOR]

    document = _create(district, actor)

    version = document.current_version
    assert version.number == 1
    assert version.original_name == "Willkommen_2026.pdf"
    assert version.content_type == "application/pdf"
    assert version.uploaded_by == actor
    assert version.district == district
    assert version.file.read().startswith(b"%PDF")
    entry = AuditEntry.objects.in_district(district).get(action="document.created")
    assert entry.actor == actor
    assert entry.target_id == str(document.pk)


@pytest.mark.parametrize(
    "role",
    [Role.MUNICIPAL_COORDINATOR, Role.INTEGRATION_MANAGER, Role.PARTNER_EDITOR, Role.VOLUNTEER],
)
def test_other_roles_cannot_create_documents(district, users, role):
    with pytest.raises(PermissionDenied):
        _create(district, users[role])
    assert not Document.objects.exists()


def test_an_administrator_of_another_district_cannot_change_a_document(
    district, users, other_district, other_users
):
    document = _create(district, users[Role.DISTRICT_ADMIN])
    outsider = other_users[Role.DISTRICT_ADMIN]

    with pytest.raises(PermissionDenied):
        document_update(actor=outsider, district=other_district, document=document, title="X")
    with pytest.raises(PermissionDenied):
        document_add_version(
            actor=outsider, district=other_district, document=document, file=pdf_upload()
        )
    with pytest.raises(PermissionDenied):
        document_delete(actor=outsider, district=other_district, document=document)
    document.refresh_from_db()
    assert document.title == "Willkommensflyer"


def test_a_new_version_becomes_the_current_one(district, users):
    actor = users[Role.DISTRICT_ADMIN]
    document = _create(district, actor)

    version = document_add_version(
        actor=actor,
        district=district,
        document=document,
        file=SimpleUploadedFile("grafik.png", PNG_BYTES),
    )

    assert version.number == 2
    assert Document.objects.get(pk=document.pk).current_version == version
    assert version.content_type == "image/png"
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    assert AuditEntry.objects.filter(action="document.version_added").count() == 1


def test_a_wrong_file_type_saves_nothing(district, users):
    actor = users[Role.DISTRICT_ADMIN]

    with pytest.raises(ValidationError):
        _create(district, actor, file=SimpleUploadedFile("flyer.pdf", EXE_BYTES))

    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="document.").exists()


def test_updating_records_only_the_changed_fields(district, users):
    actor = users[Role.DISTRICT_ADMIN]
    document = _create(district, actor)

    document_update(
        actor=actor, district=district, document=document, title="Neuer Titel", is_public=True
    )

    entry = AuditEntry.objects.get(action="document.updated")
    assert entry.changes == {"title": "Neuer Titel"}
    assert Document.objects.get(pk=document.pk).title == "Neuer Titel"


def test_an_update_without_changes_writes_no_audit_entry(district, users):
    actor = users[Role.DISTRICT_ADMIN]
    document = _create(district, actor)

    document_update(actor=actor, district=district, document=document, title=document.title)

    assert not AuditEntry.objects.filter(action="document.updated").exists()


def test_deleting_a_document_removes_its_versions_and_files(
    district, users, django_capture_on_commit_callbacks
):
    actor = users[Role.DISTRICT_ADMIN]
    document = _create(district, actor)
    version = document.current_version
    storage = version.file.storage
    name = version.file.name
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        document_delete(actor=actor, district=district, document=document)

    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()
    assert not storage.exists(name)
    assert AuditEntry.objects.filter(action="document.deleted").count() == 1
