"""Public pages of the download centre: the documents and the generated lists."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from knotenpunkt.core.access import get_in_district_or_404
from knotenpunkt.core.decorators import district_view

from .. import generated
from ..models import Document, DocumentCategory
from ..permissions import can_manage_downloads
from ..selectors import can_see_internal_documents, document_versions, documents_for_visitor


def _access_document(request, pk):
    """Return a document the visitor may see; 404 for missing, foreign or not allowed."""
    district = request.district
    return get_in_district_or_404(
        Document.objects.all(),
        district=district,
        may_access=lambda document: (
            document.is_public or can_see_internal_documents(request.user, district)
        ),
        pk=pk,
    )


@district_view
def document_list(request):
    """List the documents by category, and the generated lists."""
    documents = list(documents_for_visitor(district=request.district, actor=request.user))
    labels = dict(DocumentCategory.choices)
    groups = []
    for value, _label in DocumentCategory.choices:
        members = [document for document in documents if document.category == value]
        if members:
            groups.append({"value": value, "label": labels[value], "documents": members})
    context = {
        "groups": groups,
        "can_manage": can_manage_downloads(request.user, request.district),
    }
    return render(request, "downloads/document_list.html", context)


@district_view
def document_detail(request, pk):
    """Show a document and its version history."""
    document = _access_document(request, pk)
    context = {"document": document, "versions": document_versions(document=document)}
    return render(request, "downloads/document_detail.html", context)


def _serve(version):
    response = FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=version.original_name,
        content_type=version.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response


@district_view
def document_download(request, pk):
    """Send the current version of a document as an attachment."""
    version = _access_document(request, pk).current_version
    if version is None:
        raise Http404
    return _serve(version)


@district_view
def version_download(request, pk, number):
    """Send one version of a document as an attachment."""
    version = _access_document(request, pk).versions.filter(number=number).first()
    if version is None:
        raise Http404
    return _serve(version)


# The lists generated from the directory: URL file name → (function, content type).
GENERATED_LISTS = {
    ("koordinationsstellen", "pdf"): (generated.coordination_points_pdf, "application/pdf"),
    ("koordinationsstellen", "csv"): (generated.coordination_points_csv, "text/csv; charset=utf-8"),
    ("ansprechpartner", "pdf"): (generated.office_contacts_pdf, "application/pdf"),
    ("ansprechpartner", "csv"): (generated.office_contacts_csv, "text/csv; charset=utf-8"),
}


@district_view
def generated_list(request, basename, extension):
    """Serve a list generated from the directory right now, never a stored copy."""
    district = request.district
    build, content_type = GENERATED_LISTS[basename, extension]
    filename = f"{basename}-{district.slug}-{timezone.localdate():%Y-%m-%d}.{extension}"
    response = HttpResponse(build(district), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-cache"
    return response


PREFIX = "<slug:district_slug>/downloads/"

urlpatterns = [
    path(PREFIX, document_list, name="index"),
    path(
        f"{PREFIX}koordinationsstellen.pdf",
        generated_list,
        {"basename": "koordinationsstellen", "extension": "pdf"},
        name="coordination_points_pdf",
    ),
    path(
        f"{PREFIX}koordinationsstellen.csv",
        generated_list,
        {"basename": "koordinationsstellen", "extension": "csv"},
        name="coordination_points_csv",
    ),
    path(
        f"{PREFIX}ansprechpartner.pdf",
        generated_list,
        {"basename": "ansprechpartner", "extension": "pdf"},
        name="office_contacts_pdf",
    ),
    path(
        f"{PREFIX}ansprechpartner.csv",
        generated_list,
        {"basename": "ansprechpartner", "extension": "csv"},
        name="office_contacts_csv",
    ),
    path(f"{PREFIX}<int:pk>/", document_detail, name="document"),
    path(f"{PREFIX}<int:pk>/file/", document_download, name="download"),
    path(f"{PREFIX}<int:pk>/versions/<int:number>/", version_download, name="version_download"),
]
