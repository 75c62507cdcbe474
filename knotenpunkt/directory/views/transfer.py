"""Import and export of the directory (workspace, district coordinators and admins).

Import runs in three steps: upload → preview with a row-by-row report → "Import now".
Between the steps the rows read from the file (plain text cells, no objects) stay in the
server-side session together with a SHA-256 digest; the "Import now" form posts only
that digest, so a preview open in another tab cannot commit a different file. Before
committing, ``import_rows`` validates every row again inside the transaction.
"""

import hashlib
import json
import os

from django.contrib import messages
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knotenpunkt.core.collation import german
from knotenpunkt.core.decorators import district_permission_required
from knotenpunkt.core.spreadsheets import table_response

from ..exporting import contact_table, organisation_table
from ..forms_transfer import ExportFilterForm, ImportUploadForm
from ..importing import (
    COLUMNS,
    CONTACTS,
    KIND_CHOICES,
    ORGANISATIONS,
    ImportInvalid,
    UploadError,
    import_rows,
    table_rows,
    validate_rows,
)
from ..models import ContactPerson, LanguageCode, OrganisationType, TopicCode
from ..permissions import can_import_export
from ..selectors import organisation_search

SESSION_KEY = "directory_import"
RESULT_KEY = "directory_import_result"


def _digest(kind, rows):
    payload = json.dumps([kind, rows], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _pending(request):
    """Return ``(kind, rows, digest)`` of the upload waiting in the session, or ``None``."""
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict) or data.get("district") != request.district.pk:
        return None
    kind, rows = data.get("kind"), data.get("rows")
    if kind not in COLUMNS or not isinstance(rows, list):
        return None
    try:
        rows = [(int(line), {str(k): str(v) for k, v in values.items()}) for line, values in rows]
    except (TypeError, ValueError, AttributeError):
        return None
    if _digest(kind, rows) != data.get("digest"):
        return None
    return kind, rows, data["digest"]


def _display_name(name):
    """Return the uploaded file's name, reduced to harmless characters, for display only."""
    try:
        return get_valid_filename(os.path.basename(name or ""))[:100]
    except SuspiciousFileOperation:
        return ""


def _kind_label(kind):
    return dict(KIND_CHOICES)[kind]


@require_http_methods(["GET", "POST"])
@district_permission_required(can_import_export)
def import_upload(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        try:
            rows = table_rows(kind, form.table)
        except UploadError as exc:
            form.add_error("file", str(exc))
        else:
            request.session[SESSION_KEY] = {
                "district": request.district.pk,
                "kind": kind,
                "rows": rows,
                "digest": _digest(kind, rows),
                "filename": _display_name(form.cleaned_data["file"].name),
            }
            return redirect("directory:import_preview", district_slug=request.district.slug)
    context = {
        "form": form,
        "organisation_columns": COLUMNS[ORGANISATIONS],
        "contact_columns": COLUMNS[CONTACTS],
        "type_codes": OrganisationType.choices,
        "language_codes": LanguageCode.choices,
        "topic_codes": TopicCode.choices,
    }
    return render(request, "directory/transfer/import_upload.html", context)


@require_GET
@district_permission_required(can_import_export)
def import_preview(request):
    pending = _pending(request)
    context = {"report": None}
    if pending is not None:
        kind, rows, digest = pending
        report = validate_rows(kind, rows, request.district)
        context.update(
            report=report,
            preview_rows=[
                (line, [values.get(column, "") for column in COLUMNS[kind]])
                for line, values in report.rows
            ],
            kind_label=_kind_label(kind),
            columns=COLUMNS[kind],
            digest=digest,
            filename=request.session[SESSION_KEY].get("filename", ""),
        )
    return render(request, "directory/transfer/import_preview.html", context)


@require_POST
@district_permission_required(can_import_export)
def import_commit(request):
    district = request.district
    pending = _pending(request)
    if pending is None or request.POST.get("digest") != pending[2]:
        messages.error(
            request, _("The upload has expired or was replaced. Please upload the file again.")
        )
        return redirect("directory:import_upload", district_slug=district.slug)
    kind, rows, _digest_value = pending
    try:
        count = import_rows(actor=request.user, district=district, kind=kind, rows=rows)
    except (ImportInvalid, ValidationError):
        messages.error(request, _("Nothing was imported, because some rows are not valid."))
        return redirect("directory:import_preview", district_slug=district.slug)
    del request.session[SESSION_KEY]
    request.session[RESULT_KEY] = {"district": district.pk, "kind": kind, "count": count}
    return redirect("directory:import_result", district_slug=district.slug)


@require_GET
@district_permission_required(can_import_export)
def import_result(request):
    result = request.session.get(RESULT_KEY)
    if not isinstance(result, dict) or result.get("district") != request.district.pk:
        result = None
    context = {"result": result, "kind_label": _kind_label(result["kind"]) if result else ""}
    return render(request, "directory/transfer/import_result.html", context)


@require_GET
@district_permission_required(can_import_export)
def import_template(request, kind):
    if kind not in COLUMNS:
        raise Http404
    return table_response(
        COLUMNS[kind], [], file_format="csv", filename=f"vorlage-{kind}", title=kind
    )


@require_GET
@district_permission_required(can_import_export)
def export(request):
    form = ExportFilterForm(district=request.district)
    return render(request, "directory/transfer/export.html", {"form": form})


@require_GET
@district_permission_required(can_import_export)
def export_download(request):
    district = request.district
    form = ExportFilterForm(request.GET, district=district)
    if not form.is_valid():
        return render(request, "directory/transfer/export.html", {"form": form}, status=400)
    filters = form.cleaned_data
    organisations = organisation_search(
        district=district,
        actor=request.user,
        query=filters["q"],
        municipality=filters["municipality"],
        type=filters["type"],
        topic=filters["topic"],
        language=filters["language"],
    )
    kind = filters["kind"]
    if kind == CONTACTS:
        contacts = ContactPerson.objects.in_district(district).filter(
            organisation__in=organisations.values("pk")
        )
        header, rows = contact_table(
            contacts.order_by(german("organisation__name"), "position", german("name"))
        )
    else:
        header, rows = organisation_table(organisations)
    stem = f"{district.slug}-{kind}-{timezone.localdate():%Y-%m-%d}"
    return table_response(
        header,
        rows,
        file_format=request.GET.get("format", "csv"),
        filename=stem,
        title=str(_kind_label(kind)),
    )


BASE = "<slug:district_slug>/workspace/verzeichnis/"
urlpatterns = [
    path(BASE + "import/", import_upload, name="import_upload"),
    path(BASE + "import/vorschau/", import_preview, name="import_preview"),
    path(BASE + "import/ausfuehren/", import_commit, name="import_commit"),
    path(BASE + "import/ergebnis/", import_result, name="import_result"),
    path(BASE + "import/vorlage/<str:kind>.csv", import_template, name="import_template"),
    path(BASE + "export/", export, name="export"),
    path(BASE + "export/download/", export_download, name="export_download"),
]
