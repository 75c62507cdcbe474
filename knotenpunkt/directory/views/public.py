"""Public views of the directory: search, organisation pages, vCards and overviews.

Everybody may open these pages. Anonymous visitors and people from other districts see
only public entries; members of the district also see internal contacts and entries.
"""

import vobject
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.views.decorators.vary import vary_on_headers

from knotenpunkt.core.decorators import district_view

from .. import selectors
from ..forms_public import MunicipalityChoiceForm, OrganisationFilterForm
from ..models import ContactPerson, Organisation

PAGE_SIZE = 25


@vary_on_headers("HX-Request")
@district_view
def directory(request):
    """Search the directory; htmx requests get only the results fragment."""
    district = request.district
    form = OrganisationFilterForm(request.GET or None, district=district)
    organisations = selectors.organisation_search(
        district=district, actor=request.user, **form.filters()
    )
    if not form.searchable:
        # A search text that is too long: its error, and no list that it did not filter.
        organisations = organisations.none()
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_language_labels(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query_string": query.urlencode()}
    if request.htmx:
        return render(request, "directory/partials/_public_results.html", context)
    return render(request, "directory/public/directory.html", context)


@district_view
def organisation(request, pk):
    try:
        entry = selectors.organisation_detail(district=request.district, actor=request.user, pk=pk)
    except Organisation.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "directory/public/organisation.html", {"organisation": entry})


@district_view
def contact_vcard(request, pk):
    """Download one contact as a vCard (only contacts the visitor may see)."""
    try:
        contact = selectors.contact_for_visitor(
            district=request.district, actor=request.user, pk=pk
        )
    except ContactPerson.DoesNotExist as exc:
        raise Http404 from exc
    response = HttpResponse(_vcard(contact), content_type="text/vcard; charset=utf-8")
    filename = slugify(contact.name) or "kontakt"
    response["Content-Disposition"] = f'attachment; filename="{filename}.vcf"'
    if not contact.is_public:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _vcard(contact):
    card = vobject.vCard()
    card.add("fn").value = contact.name
    card.add("n").value = vobject.vcard.Name(family=contact.name)
    card.add("org").value = [contact.organisation.name]
    if contact.function:
        card.add("title").value = contact.function
    if contact.phone:
        phone = card.add("tel")
        phone.value = contact.phone
        phone.type_param = "WORK"
    if contact.fax:
        fax = card.add("tel")
        fax.value = contact.fax
        fax.type_param = "FAX"
    if contact.email:
        email = card.add("email")
        email.value = contact.email
        email.type_param = "INTERNET"
    organisation = contact.organisation
    if organisation.street or organisation.city:
        address = card.add("adr")
        address.value = vobject.vcard.Address(
            street=organisation.street,
            code=organisation.postal_code,
            city=organisation.city,
            country="Deutschland",
        )
        address.type_param = "WORK"
    if contact.office_hours:
        card.add("note").value = contact.office_hours
    return card.serialize()


@vary_on_headers("HX-Request")
@district_view
def responsible(request):
    """Who is responsible in a municipality the visitor chooses."""
    district = request.district
    form = MunicipalityChoiceForm(request.GET or None, district=district)
    municipality = form.chosen_municipality()
    context = {"form": form, "municipality": municipality}
    if municipality is not None:
        context.update(
            selectors.responsible_for_municipality(
                district=district, actor=request.user, municipality=municipality
            )
        )
    if request.htmx:
        return render(request, "directory/partials/_public_responsible.html", context)
    return render(request, "directory/public/responsible.html", context)


@vary_on_headers("HX-Request")
@district_view
def get_involved(request):
    """For citizens who want to help: the volunteer initiatives and whom to contact."""
    district = request.district
    form = MunicipalityChoiceForm(request.GET or None, district=district)
    municipality = form.chosen_municipality()
    initiatives = selectors.initiatives_for_visitor(
        district=district, actor=request.user, municipality=municipality
    )
    context = {"form": form, "municipality": municipality, "initiatives": initiatives}
    if request.htmx:
        return render(request, "directory/partials/_public_initiatives.html", context)
    return render(request, "directory/public/get_involved.html", context)


@district_view
def office_staff(request):
    """The staff directory of the district office: units, functions, deputies."""
    units = selectors.office_units_with_staff(district=request.district, actor=request.user)
    return render(request, "directory/public/office_staff.html", {"units": units})


@district_view
def integration_management(request):
    """Who carries out integration management: the split and a table by region."""
    overview = selectors.integration_management_overview(
        district=request.district, actor=request.user
    )
    return render(request, "directory/public/integration_management.html", overview)


urlpatterns = [
    path("<slug:district_slug>/verzeichnis/", directory, name="directory"),
    path("<slug:district_slug>/verzeichnis/<int:pk>/", organisation, name="organisation"),
    path(
        "<slug:district_slug>/verzeichnis/kontakt/<int:pk>/vcard/",
        contact_vcard,
        name="contact_vcard",
    ),
    path("<slug:district_slug>/zustaendigkeit/", responsible, name="responsible"),
    path("<slug:district_slug>/mitmachen/", get_involved, name="get_involved"),
    path("<slug:district_slug>/ansprechpartner/", office_staff, name="office_staff"),
    path(
        "<slug:district_slug>/integrationsmanagement/",
        integration_management,
        name="integration_management",
    ),
]
