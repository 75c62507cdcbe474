"""The download centre: documents a district offers, each with its versions."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.collation import german
from knotenpunkt.core.models import DistrictQuerySet, DistrictScopedModel, TimeStampedModel
from knotenpunkt.core.richtext import LimitedTextField


class DocumentCategory(models.TextChoices):
    FLYER = "flyer", _("Flyer")
    STANDARD = "standard", _("Standard or guideline")
    CHART = "chart", _("Chart or overview")
    FORM = "form", _("Form")
    OTHER = "other", _("Other")


class DocumentQuerySet(DistrictQuerySet):
    def public(self):
        return self.filter(is_public=True)


class Document(DistrictScopedModel, TimeStampedModel):
    """A document in the download centre; its newest version is the current one."""

    title = models.CharField(_("title"), max_length=200)
    description = LimitedTextField(_("description"), max_length=2000, blank=True)
    category = models.CharField(
        _("category"),
        max_length=20,
        choices=DocumentCategory.choices,
        default=DocumentCategory.OTHER,
    )
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_(
            "Public documents appear in the public download centre; the others only for "
            "logged-in network members."
        ),
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["category", german("title")]
        indexes = [models.Index(fields=["district", "category", "title"])]

    def __str__(self):
        return self.title

    @property
    def current_version(self):
        """Return the newest version (from the prefetch of the selectors if present)."""
        versions = getattr(self, "prefetched_versions", None)
        if versions is not None:
            return versions[0] if versions else None
        return self.versions.order_by("-number").first()


def version_upload_to(instance, filename):
    # A random folder per version: names never collide and cannot be guessed from the id.
    return f"downloads/{instance.district_id}/{uuid.uuid4().hex}/{filename}"


class DocumentVersion(DistrictScopedModel):
    """One uploaded file of a document."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="versions", verbose_name=_("document")
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=version_upload_to, max_length=255)
    original_name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "document", "number"], name="documentversion_unique_number"
            ),
        ]

    def __str__(self):
        return f"{self.document} ({self.number})"

    @property
    def type_label(self):
        """Return a short label of the file type for visitors, e.g. "PDF"."""
        return FILE_TYPE_LABELS.get(self.content_type, self.content_type)


FILE_TYPE_LABELS = {
    "application/pdf": "PDF",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
}
