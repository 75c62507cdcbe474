"""The district's categories of offers: the tree, adding, editing, the default set."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from knotenpunkt.core.access import get_in_district_or_404
from knotenpunkt.core.decorators import district_permission_required
from knotenpunkt.core.forms import add_service_error

from .. import categories as category_services
from ..forms import CategoryForm, category_tree
from ..models import Category
from ..permissions import can_manage_categories


def _category_tree(district):
    """Return the district's categories as nested ``{"category", "children"}`` nodes."""
    roots, stack = [], []
    for category, depth in category_tree(list(Category.objects.in_district(district))):
        node = {"category": category, "children": []}
        del stack[depth:]
        (stack[-1]["children"] if stack else roots).append(node)
        stack.append(node)
    return roots


@require_http_methods(["GET", "POST"])
@district_permission_required(can_manage_categories)
def categories(request):
    district = request.district
    form = CategoryForm(
        request.POST or None, instance=Category(district=district), district=district
    )
    if request.method == "POST" and form.is_valid():
        try:
            category = category_services.category_save(
                actor=request.user, district=district, values=form.service_values()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The category %(name)s has been added.") % {"name": category.name}
            )
            return redirect("offers:categories", district_slug=district.slug)
    return render(
        request,
        "offers/workspace/categories.html",
        {"tree": _category_tree(district), "form": form},
    )


@require_http_methods(["GET", "POST"])
@district_permission_required(can_manage_categories)
def category_edit(request, pk):
    district = request.district
    category = get_in_district_or_404(Category.objects.all(), district=district, pk=pk)
    # Bind the form to a copy so the service sees what was there before.
    form = CategoryForm(
        request.POST or None, instance=Category.objects.get(pk=category.pk), district=district
    )
    if request.method == "POST" and form.is_valid():
        try:
            category_services.category_save(
                actor=request.user,
                district=district,
                category=category,
                values=form.service_values(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The category has been saved."))
            return redirect("offers:categories", district_slug=district.slug)
    return render(
        request, "offers/workspace/category_form.html", {"form": form, "category": category}
    )


@require_POST
@district_permission_required(can_manage_categories)
def category_defaults(request):
    district = request.district
    category_services.ensure_default_categories(district)
    messages.success(request, _("The default categories have been added."))
    return redirect("offers:categories", district_slug=district.slug)


urlpatterns = [
    path("<slug:district_slug>/workspace/angebote/kategorien/", categories, name="categories"),
    path(
        "<slug:district_slug>/workspace/angebote/kategorien/standard/",
        category_defaults,
        name="category_defaults",
    ),
    path(
        "<slug:district_slug>/workspace/angebote/kategorien/<int:pk>/",
        category_edit,
        name="category_edit",
    ),
]
