"""Reads of the download centre. Every function takes the district; lists are prefetched."""

from django.db.models import Prefetch

from knotenpunkt.core.collation import german
from knotenpunkt.directory.permissions import can_view_internal

from .models import Document, DocumentVersion


def can_see_internal_documents(actor, district) -> bool:
    """Non-public documents are for the network members of the district."""
    return can_view_internal(actor, district)


def documents_for_visitor(*, district, actor):
    """Return the documents ``actor`` may see, each with its versions newest first."""
    documents = Document.objects.in_district(district)
    if not can_see_internal_documents(actor, district):
        documents = documents.public()
    return documents.prefetch_related(
        Prefetch(
            "versions",
            queryset=DocumentVersion.objects.order_by("-number"),
            to_attr="prefetched_versions",
        )
    ).order_by("category", german("title"), "pk")


def documents_for_management(*, district):
    """Return every document of the district for the workspace list."""
    return (
        Document.objects.in_district(district)
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=DocumentVersion.objects.order_by("-number"),
                to_attr="prefetched_versions",
            )
        )
        .order_by("category", german("title"), "pk")
    )


def document_versions(*, document):
    return document.versions.select_related("uploaded_by").order_by("-number")
