"""Changes in the download centre. Every function checks the permission again."""

from django.core.exceptions import PermissionDenied
from django.core.files.base import File
from django.db import transaction
from django.db.models import Max

from knotenpunkt.core.audit import record_change

from .models import Document, DocumentVersion
from .permissions import can_manage_downloads
from .validation import check_upload

EDITABLE_FIELDS = ("title", "description", "category", "is_public")


def _check(actor, district, document=None):
    if not can_manage_downloads(actor, district):
        raise PermissionDenied
    if document is not None and document.district_id != district.pk:
        raise PermissionDenied


def _add_version(*, actor, district, document, file) -> DocumentVersion:
    checked = check_upload(file)
    # Lock the document, so that two uploads at once cannot get the same number.
    Document.objects.select_for_update().filter(pk=document.pk).first()
    latest = document.versions.aggregate(latest=Max("number"))["latest"] or 0
    version = DocumentVersion(
        district=district,
        document=document,
        number=latest + 1,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    version.file.save(checked.name, File(file, name=checked.name), save=False)
    try:
        version.full_clean()
        version.save()
    except Exception:
        version.file.delete(save=False)
        raise
    return version


@transaction.atomic
def document_create(
    *, actor, district, title, category, file, description="", is_public=True
) -> Document:
    """Create a document with its first version."""
    _check(actor, district)
    document = Document(
        district=district,
        title=title,
        description=description,
        category=category,
        is_public=is_public,
    )
    document.full_clean()
    document.save()
    version = _add_version(actor=actor, district=district, document=document, file=file)
    record_change(
        actor=actor,
        district=district,
        action="document.created",
        target=document,
        changes={"category": category, "is_public": is_public, "file": version.original_name},
    )
    return document


@transaction.atomic
def document_add_version(*, actor, district, document: Document, file) -> DocumentVersion:
    """Upload a new version; it becomes the current one."""
    _check(actor, district, document)
    version = _add_version(actor=actor, district=district, document=document, file=file)
    document.save(update_fields=["updated_at"])
    record_change(
        actor=actor,
        district=district,
        action="document.version_added",
        target=document,
        changes={"version": version.number, "file": version.original_name},
    )
    return version


@transaction.atomic
def document_update(*, actor, district, document: Document, **values) -> Document:
    """Change title, description, category or visibility."""
    _check(actor, district, document)
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    changed = {}
    for field, value in values.items():
        if getattr(document, field) != value:
            changed[field] = value if isinstance(value, bool) else str(value)[:200]
            setattr(document, field, value)
    if not changed:
        return document
    document.full_clean()
    document.save(update_fields=[*changed, "updated_at"])
    record_change(
        actor=actor,
        district=district,
        action="document.updated",
        target=document,
        changes=changed,
    )
    return document


@transaction.atomic
def document_delete(*, actor, district, document: Document) -> None:
    """Delete a document with all its versions and their files."""
    _check(actor, district, document)
    files = [version.file.name for version in document.versions.all()]
    record_change(
        actor=actor,
        district=district,
        action="document.deleted",
        target=document,
        changes={"versions": len(files)},
    )
    document.delete()
    storage = DocumentVersion._meta.get_field("file").storage

    def delete_files():
        for name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)
