"""Managing the download centre in the workspace (district administrators and coordinators)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from knotenpunkt.core.access import get_in_district_or_404
from knotenpunkt.core.decorators import district_permission_required

from ..forms import DocumentCreateForm, DocumentForm, VersionForm
from ..models import Document
from ..permissions import can_manage_downloads
from ..selectors import document_versions, documents_for_management
from ..services import document_add_version, document_create, document_delete, document_update


def _document(request, pk):
    return get_in_district_or_404(Document.objects.all(), district=request.district, pk=pk)


@district_permission_required(can_manage_downloads)
def manage(request):
    documents = documents_for_management(district=request.district)
    return render(request, "downloads/manage.html", {"documents": documents})


@require_http_methods(["GET", "POST"])
@district_permission_required(can_manage_downloads)
def document_new(request):
    form = DocumentCreateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = document_create(
            actor=request.user, district=request.district, **form.cleaned_data
        )
        messages.success(
            request, _("The document “%(title)s” has been added.") % {"title": document.title}
        )
        return redirect("downloads:manage", district_slug=request.district.slug)
    return render(request, "downloads/document_form.html", {"form": form, "document": None})


@require_http_methods(["GET", "POST"])
@district_permission_required(can_manage_downloads)
def document_edit(request, pk):
    document = _document(request, pk)
    form = DocumentForm(request.POST or None, instance=Document.objects.get(pk=document.pk))
    if request.method == "POST" and form.is_valid():
        document_update(
            actor=request.user, district=request.district, document=document, **form.cleaned_data
        )
        messages.success(request, _("The document has been saved."))
        return redirect("downloads:manage", district_slug=request.district.slug)
    return render(request, "downloads/document_form.html", {"form": form, "document": document})


@require_http_methods(["GET", "POST"])
@district_permission_required(can_manage_downloads)
def version_new(request, pk):
    document = _document(request, pk)
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        version = document_add_version(
            actor=request.user,
            district=request.district,
            document=document,
            file=form.cleaned_data["file"],
        )
        messages.success(
            request,
            _("Version %(number)s of “%(title)s” has been uploaded.")
            % {"number": version.number, "title": document.title},
        )
        return redirect("downloads:manage", district_slug=request.district.slug)
    context = {"form": form, "document": document, "versions": document_versions(document=document)}
    return render(request, "downloads/version_form.html", context)


@require_http_methods(["GET", "POST"])
@district_permission_required(can_manage_downloads)
def document_remove(request, pk):
    document = _document(request, pk)
    if request.method == "POST":
        document_delete(actor=request.user, district=request.district, document=document)
        messages.success(
            request, _("The document “%(title)s” has been deleted.") % {"title": document.title}
        )
        return redirect("downloads:manage", district_slug=request.district.slug)
    return render(request, "downloads/document_delete.html", {"document": document})


PREFIX = "<slug:district_slug>/workspace/downloads/"

urlpatterns = [
    path(PREFIX, manage, name="manage"),
    path(f"{PREFIX}new/", document_new, name="create"),
    path(f"{PREFIX}<int:pk>/edit/", document_edit, name="edit"),
    path(f"{PREFIX}<int:pk>/versions/new/", version_new, name="add_version"),
    path(f"{PREFIX}<int:pk>/delete/", document_remove, name="delete"),
]
