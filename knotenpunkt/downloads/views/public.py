"""Public pages of the download centre: the documents and the generated lists."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from knotenpunkt.core.access import get_in_district_or_404
from knotenpunkt.core.decorators import district_view
from knotenpunkt.directory.permissions import can_manage_downloads

from .. import generated
from ..models import Document, DocumentCategory
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


def _generated_response(content, *, content_type, basename, extension, district):
    filename = f"{basename}-{district.slug}-{timezone.localdate():%Y-%m-%d}.{extension}"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-cache"
    return response


@district_view
def coordination_points_pdf(request):
    district = request.district
    return _generated_response(
        generated.coordination_points_pdf(district),
        content_type="application/pdf",
        basename="koordinationsstellen",
        extension="pdf",
        district=district,
    )


@district_view
def coordination_points_csv(request):
    district = request.district
    return _generated_response(
        # With a byte order mark, spreadsheet programs read the umlauts right.
        generated.coordination_points_csv(district).encode("utf-8-sig"),
        content_type="text/csv; charset=utf-8",
        basename="koordinationsstellen",
        extension="csv",
        district=district,
    )


@district_view
def office_contacts_pdf(request):
    district = request.district
    return _generated_response(
        generated.office_contacts_pdf(district),
        content_type="application/pdf",
        basename="ansprechpartner",
        extension="pdf",
        district=district,
    )


@district_view
def office_contacts_csv(request):
    district = request.district
    return _generated_response(
        generated.office_contacts_csv(district).encode("utf-8-sig"),
        content_type="text/csv; charset=utf-8",
        basename="ansprechpartner",
        extension="csv",
        district=district,
    )


PREFIX = "<slug:district_slug>/downloads/"

urlpatterns = [
    path(PREFIX, document_list, name="index"),
    path(
        f"{PREFIX}koordinationsstellen.pdf", coordination_points_pdf, name="coordination_points_pdf"
    ),
    path(
        f"{PREFIX}koordinationsstellen.csv", coordination_points_csv, name="coordination_points_csv"
    ),
    path(f"{PREFIX}ansprechpartner.pdf", office_contacts_pdf, name="office_contacts_pdf"),
    path(f"{PREFIX}ansprechpartner.csv", office_contacts_csv, name="office_contacts_csv"),
    path(f"{PREFIX}<int:pk>/", document_detail, name="document"),
    path(f"{PREFIX}<int:pk>/file/", document_download, name="download"),
    path(f"{PREFIX}<int:pk>/versions/<int:number>/", version_download, name="version_download"),
]
