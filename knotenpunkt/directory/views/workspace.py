"""Workspace views of the directory: edit entries, confirm them, see their history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from knotenpunkt.core.access import get_in_district_or_404
from knotenpunkt.core.audit import history_rows
from knotenpunkt.core.collation import german
from knotenpunkt.core.decorators import district_permission_required
from knotenpunkt.core.deletion import DeletionRefused, reasons_against_deleting
from knotenpunkt.core.forms import add_service_error
from knotenpunkt.core.lifecycle.changes import StaleEdit

from ..forms import ContactPersonForm, OrganisationFilterForm, OrganisationForm
from ..models import ContactPerson, Organisation
from ..permissions import (
    can_edit_any,
    can_edit_organisation,
    can_use_directory_workspace,
    can_view_stale,
    editable_organisations,
)
from ..selectors import organisation_history, stale_organisations
from ..services import (
    contact_create,
    contact_delete,
    contact_update,
    organisation_confirm,
    organisation_create,
    organisation_delete,
    organisation_update,
)

WORKSPACE_PAGE_SIZE = 50

ACTION_LABELS = {
    "organisation.created": gettext_lazy("Entry created"),
    "organisation.updated": gettext_lazy("Entry changed"),
    "organisation.confirmed": gettext_lazy("Confirmed as correct"),
    "organisation.deleted": gettext_lazy("Entry deleted"),
    "organisation.reminded": gettext_lazy("Reminder sent to the editors"),
    "contact.created": gettext_lazy("Contact person added"),
    "contact.updated": gettext_lazy("Contact person changed"),
    "contact.deleted": gettext_lazy("Contact person deleted"),
}


def _editable(request):
    """Return the organisations of the district the user may edit."""
    district = request.district
    return editable_organisations(
        request.user, district, Organisation.objects.in_district(district)
    )


def _get_organisation(request, pk, queryset=None):
    """Return an organisation the user may edit; 404 for missing, foreign or forbidden."""
    district = request.district
    return get_in_district_or_404(
        queryset if queryset is not None else Organisation.objects.all(),
        district=district,
        may_access=lambda organisation: can_edit_organisation(request.user, district, organisation),
        pk=pk,
    )


def _get_contact(request, pk):
    district = request.district
    return get_in_district_or_404(
        ContactPerson.objects.select_related("organisation"),
        district=district,
        may_access=lambda contact: can_edit_organisation(
            request.user, district, contact.organisation
        ),
        pk=pk,
    )


def _to_organisation(request, organisation):
    return redirect(
        "directory:workspace_organisation",
        district_slug=request.district.slug,
        pk=organisation.pk,
    )


@district_permission_required(can_use_directory_workspace)
def workspace_list(request):
    district = request.district
    may_filter = can_edit_any(request.user, district)
    form = OrganisationFilterForm(request.GET or None, district=district)
    organisations = _editable(request)
    filters = form.filters() if may_filter else {}
    if filters.get("query"):
        organisations = organisations.filter(name__icontains=filters["query"])
    if filters.get("type"):
        organisations = organisations.filter(type=filters["type"])
    if filters.get("municipality"):
        organisations = organisations.filter(municipality=filters["municipality"])
    organisations = organisations.select_related("municipality").order_by(german("name"), "pk")
    page = Paginator(organisations, WORKSPACE_PAGE_SIZE).get_page(request.GET.get("page"))
    stale_ids = set(
        stale_organisations(district=district)
        .filter(pk__in=[organisation.pk for organisation in page.object_list])
        .values_list("pk", flat=True)
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "query_string": query.urlencode(),
        "stale_ids": stale_ids,
        "filter_form": form if may_filter else None,
        "can_create": may_filter,
        "can_view_stale": can_view_stale(request.user, district),
    }
    return render(request, "directory/workspace/list.html", context)


@require_http_methods(["GET", "POST"])
@district_permission_required(can_edit_any)
def organisation_add(request):
    district = request.district
    form = OrganisationForm(request.POST or None, district=district)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = organisation_create(
                actor=request.user, district=district, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s has been added to the directory.") % {"name": organisation.name},
            )
            return _to_organisation(request, organisation)
    return render(request, "directory/workspace/organisation_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@district_permission_required(can_use_directory_workspace)
def organisation_edit(request, pk):
    district = request.district
    organisation = _get_organisation(request, pk)

    def organisation_form(data=None):
        # Bound to a copy so the service sees what was there before.
        return OrganisationForm(
            data,
            instance=Organisation.objects.get(pk=organisation.pk),
            district=district,
            may_move=can_edit_any(request.user, district),
        )

    form = organisation_form(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            organisation_update(
                actor=request.user,
                district=district,
                organisation=organisation,
                **form.cleaned_data,
            )
        except StaleEdit as error:
            # Show what is saved now, so that the person can make their changes again.
            messages.error(request, error.message)
            form, status = organisation_form(), 409
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The entry has been saved and confirmed as correct."),
            )
            return _to_organisation(request, organisation)
    context = {
        "organisation": organisation,
        "form": form,
        "contacts": organisation.contacts.order_by("position", german("name")),
        "is_stale": stale_organisations(district=district).filter(pk=organisation.pk).exists(),
        "can_delete": can_edit_any(request.user, district),
    }
    return render(request, "directory/workspace/organisation_edit.html", context, status=status)


@require_POST
@district_permission_required(can_use_directory_workspace)
def organisation_confirm_view(request, pk):
    organisation = _get_organisation(request, pk)
    organisation_confirm(actor=request.user, district=request.district, organisation=organisation)
    messages.success(
        request,
        _("Thank you. %(name)s is confirmed as correct.") % {"name": organisation.name},
    )
    return _to_organisation(request, organisation)


@require_http_methods(["GET", "POST"])
@district_permission_required(can_edit_any)
def organisation_remove(request, pk):
    organisation = _get_organisation(request, pk)
    if request.method == "POST":
        name = organisation.name
        try:
            organisation_delete(
                actor=request.user, district=request.district, organisation=organisation
            )
        except DeletionRefused as refusal:
            messages.error(
                request,
                " ".join([_("%(name)s cannot be deleted yet.") % {"name": name}, *refusal.reasons]),
            )
            return redirect(
                "directory:workspace_organisation",
                district_slug=request.district.slug,
                pk=organisation.pk,
            )
        messages.success(
            request, _("%(name)s has been deleted from the directory.") % {"name": name}
        )
        return redirect("directory:workspace_list", district_slug=request.district.slug)
    return render(
        request,
        "directory/workspace/confirm_delete.html",
        {
            "question": _("Do you really want to delete %(name)s and all its contact persons?")
            % {"name": organisation.name},
            "organisation": organisation,
            # Said before anyone clicks: what keeps the entry, and what to do first.
            "reasons": reasons_against_deleting(organisation),
        },
    )


def _field_labels():
    labels = {"contact": _("Contact person")}
    for model in (ContactPerson, Organisation):
        for field in model._meta.get_fields():
            if hasattr(field, "verbose_name"):
                labels[field.name] = str(field.verbose_name)
    return labels


@district_permission_required(can_use_directory_workspace)
def organisation_history_view(request, pk):
    district = request.district
    organisation = _get_organisation(request, pk)
    rows = history_rows(
        organisation_history(district=district, organisation=organisation),
        actions=ACTION_LABELS,
        labels=_field_labels(),
        model=Organisation,
    )
    return render(
        request,
        "directory/workspace/history.html",
        {"organisation": organisation, "rows": rows},
    )


@require_http_methods(["GET", "POST"])
@district_permission_required(can_use_directory_workspace)
def contact_add(request, pk):
    district = request.district
    organisation = _get_organisation(request, pk)
    form = ContactPersonForm(
        request.POST or None,
        instance=ContactPerson(district=district, organisation=organisation),
        district=district,
    )
    if request.method == "POST" and form.is_valid():
        try:
            contact_create(
                actor=request.user,
                district=district,
                organisation=organisation,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The contact person has been added."))
            return _to_organisation(request, organisation)
    return render(
        request,
        "directory/workspace/contact_form.html",
        {"form": form, "organisation": organisation, "contact": None},
    )


@require_http_methods(["GET", "POST"])
@district_permission_required(can_use_directory_workspace)
def contact_edit(request, pk):
    district = request.district
    contact = _get_contact(request, pk)

    def contact_form(data=None):
        # Bound to a copy so the service sees what was there before.
        return ContactPersonForm(
            data, instance=ContactPerson.objects.get(pk=contact.pk), district=district
        )

    form = contact_form(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            contact_update(
                actor=request.user, district=district, contact=contact, **form.cleaned_data
            )
        except StaleEdit as error:
            messages.error(request, error.message)
            form, status = contact_form(), 409
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The contact person has been saved."))
            return _to_organisation(request, contact.organisation)
    return render(
        request,
        "directory/workspace/contact_form.html",
        {"form": form, "organisation": contact.organisation, "contact": contact},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@district_permission_required(can_use_directory_workspace)
def contact_remove(request, pk):
    contact = _get_contact(request, pk)
    organisation = contact.organisation
    if request.method == "POST":
        contact_delete(actor=request.user, district=request.district, contact=contact)
        messages.success(
            request,
            _("%(name)s has been removed from the contact persons.") % {"name": contact.name},
        )
        return _to_organisation(request, organisation)
    return render(
        request,
        "directory/workspace/confirm_delete.html",
        {
            "question": _("Do you really want to delete the contact person %(name)s?")
            % {"name": contact.name},
            "organisation": organisation,
        },
    )


@district_permission_required(can_view_stale)
def stale_list(request):
    district = request.district
    context = {
        "organisations": stale_organisations(district=district),
        "review_months": district.directory_review_months,
    }
    return render(request, "directory/workspace/stale.html", context)


urlpatterns = [
    path("<slug:district_slug>/workspace/verzeichnis/", workspace_list, name="workspace_list"),
    path(
        "<slug:district_slug>/workspace/verzeichnis/neu/",
        organisation_add,
        name="workspace_organisation_add",
    ),
    path(
        "<slug:district_slug>/workspace/verzeichnis/veraltet/",
        stale_list,
        name="workspace_stale",
    ),
    path(
        "<slug:district_slug>/workspace/verzeichnis/<int:pk>/",
        organisation_edit,
        name="workspace_organisation",
    ),
    path(
        "<slug:district_slug>/workspace/verzeichnis/<int:pk>/bestaetigen/",
        organisation_confirm_view,
        name="workspace_organisation_confirm",
    ),
    path(
        "<slug:district_slug>/workspace/verzeichnis/<int:pk>/loeschen/",
        organisation_remove,
        name="workspace_organisation_delete",
    ),
    path(
        "<slug:district_slug>/workspace/verzeichnis/<int:pk>/verlauf/",
        organisation_history_view,
        name="workspace_organisation_history",
    ),
    path(
        "<slug:district_slug>/workspace/verzeichnis/<int:pk>/kontakte/neu/",
        contact_add,
        name="workspace_contact_add",
    ),
    path(
        "<slug:district_slug>/workspace/verzeichnis/kontakte/<int:pk>/",
        contact_edit,
        name="workspace_contact",
    ),
    path(
        "<slug:district_slug>/workspace/verzeichnis/kontakte/<int:pk>/loeschen/",
        contact_remove,
        name="workspace_contact_delete",
    ),
]
