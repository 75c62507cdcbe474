"""Workspace pages of the offers catalogue: the list, one offer, writing and review.

Editors write offers and submit them; reviewers publish them or send them back with a note.
Changing a published offer changes its pending change, so that the public page keeps the
published text until a reviewer publishes the change. Translations, freshness and the
categories have modules of their own beside this one.
"""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from knotenpunkt.core.audit import history_rows
from knotenpunkt.core.decorators import district_permission_required
from knotenpunkt.core.forms import add_service_error
from knotenpunkt.core.lifecycle import freshness, review
from knotenpunkt.core.lifecycle.changes import StaleEdit
from knotenpunkt.core.lifecycle.translation import status_of

from .. import selectors, services
from ..forms import (
    OfferFilterForm,
    OfferForms,
    RejectForm,
    translation_languages,
)
from ..models import Offer, OfferState
from ..permissions import (
    can_edit_offer,
    can_manage_categories,
    can_open_offer_workspace,
    can_review_offer,
    can_review_some,
    can_use_offer_workspace,
    can_view_overviews,
)
from .access import error_message, get_offer, may_edit, may_review, to_offer
from .form_rows import form_context, wants_row, with_row

WORKSPACE_PAGE_SIZE = 50
# How long the link of a reminder e-mail works; the reminder goes out two weeks before the
# deadline, so a link stays usable well past it.
CONFIRM_MAX_AGE = timedelta(days=60)

ACTION_LABELS = {
    "offers.create": gettext_lazy("Offer created"),
    "offers.update": gettext_lazy("Offer changed"),
    "offers.submit": gettext_lazy("Submitted for review"),
    "offers.publish": gettext_lazy("Published"),
    "offers.publish_change": gettext_lazy("Change published"),
    "offers.reject": gettext_lazy("Sent back to the authors"),
    "offers.archive": gettext_lazy("Archived"),
    "offers.confirm": gettext_lazy("Confirmed as still valid"),
    "offers.translate": gettext_lazy("Translation saved"),
    "offers.translation_delete": gettext_lazy("Translation deleted"),
}


# The list and one offer --------------------------------------------------------------------


@district_permission_required(can_open_offer_workspace)
def workspace_list(request):
    district = request.district
    form = OfferFilterForm(request.GET or None)
    filters = form.filters()
    offers = selectors.offers_for_workspace(district=district, actor=request.user, filters=filters)
    page = Paginator(offers, WORKSPACE_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    deadline = services.confirmation_deadline(district)
    for offer in page.object_list:
        offer.is_stale = offer.state == OfferState.PUBLISHED and freshness.is_stale(
            offer.last_confirmed_at, deadline
        )
        offer.pending = getattr(offer, "pending_revision", None)
    query = request.GET.copy()
    query.pop("page", None)
    may_review = can_review_some(request.user, district)
    context = {
        "page": page,
        "query_string": query.urlencode(),
        "filter_form": form,
        "can_create": can_use_offer_workspace(request.user, district),
        "can_review": may_review,
        "review_count": (
            selectors.offers_for_review(district=district, actor=request.user).count()
            if may_review
            else 0
        ),
        "can_view_overviews": can_view_overviews(request.user, district),
        "can_manage_categories": can_manage_categories(request.user, district),
    }
    return render(request, "offers/workspace/list.html", context)


def _field_labels():
    labels = {
        "places": _("Places"),
        "times": _("Times"),
        "language": _("Language"),
        "review_note": _("Note of the reviewer"),
    }
    for field in Offer._meta.get_fields():
        if hasattr(field, "verbose_name") and field.name not in labels:
            labels[field.name] = str(field.verbose_name)
    return labels


def _history(district, offer):
    languages = dict(translation_languages())

    def shown(field, value):
        return str(languages.get(value, value)) if field == "language" else value

    return history_rows(
        selectors.offer_history(district=district, offer=offer),
        actions=ACTION_LABELS,
        labels=_field_labels(),
        automatic={"offers.confirm": _("Provider, with the link of the reminder e-mail")},
        value=shown,
        model=Offer,
    )


def _translation_rows(offer):
    by_language = {translation.language: translation for translation in offer.translations.all()}
    rows = []
    for code, name in translation_languages():
        translation = by_language.get(code)
        status = status_of(getattr(translation, "source_hash", None), offer.text_hash)
        rows.append({"code": code, "name": name, "status": status, "translation": translation})
    return rows


@district_permission_required(can_open_offer_workspace)
def offer_detail(request, pk):
    district, user = request.district, request.user
    offer = selectors.offer_for_workspace(get_offer(request, pk))
    pending = review.pending_change(offer)
    if pending is not None:
        pending = selectors.offer_for_workspace(pending)
    target = pending or offer
    may_edit = can_edit_offer(user, district, offer)
    may_review = can_review_offer(user, district, offer)
    is_archived = offer.state == OfferState.ARCHIVED
    deadline = services.confirmation_deadline(district)
    context = {
        "offer": offer,
        "pending": pending,
        "differences": (
            selectors.pending_change_differences(offer, pending) if pending is not None else []
        ),
        "target": target,
        "may_edit": may_edit and not is_archived,
        "can_submit": may_edit and target.state == OfferState.DRAFT,
        "can_publish": may_review and target.state in review.PUBLISHABLE_STATES and not is_archived,
        "can_reject": may_review and target.state == OfferState.IN_REVIEW,
        "can_archive": not is_archived,
        "can_confirm": may_edit and offer.state == OfferState.PUBLISHED,
        "confirmation_due": services.confirmation_due(offer),
        "is_stale": offer.state == OfferState.PUBLISHED
        and freshness.is_stale(offer.last_confirmed_at, deadline),
        "translations": _translation_rows(offer),
        "history": _history(district, offer),
    }
    return render(request, "offers/workspace/offer.html", context)


# Writing ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@district_permission_required(can_use_offer_workspace)
def offer_create(request):
    district = request.district
    added = wants_row(request) if request.method == "POST" else None
    if added:
        offer_forms = _forms_with_row(request, added, district=district)
    else:
        offer_forms = OfferForms(request.POST or None, district=district, actor=request.user)
    if request.method == "POST" and not added and offer_forms.is_valid():
        try:
            offer = services.offer_create(
                actor=request.user, district=district, **offer_forms.service_kwargs()
            )
        except ValidationError as error:
            add_service_error(offer_forms.form, error)
        else:
            messages.success(
                request,
                _("The draft has been saved. Submit it for review when it is ready."),
            )
            return to_offer(request, offer)
    context = {**form_context(), "forms": offer_forms, "offer": None}
    return render(request, "offers/workspace/offer_form.html", context)


def _forms_with_row(request, prefix, *, district, offer=None):
    """The submitted offer form shown again, unsaved, with one more row of ``prefix``."""
    data = with_row(request, prefix)
    offer_forms = OfferForms(
        data if data is not None else request.POST,
        district=district,
        actor=request.user,
        offer=offer,
    )
    offer_forms.show_added_row(prefix if data is not None else None)
    return offer_forms


@require_http_methods(["GET", "POST"])
@district_permission_required(can_use_offer_workspace)
def offer_edit(request, pk):
    district = request.district
    offer = get_offer(request, pk, may_access=may_edit(request))
    if offer.state == OfferState.ARCHIVED:
        messages.error(request, _("An archived offer cannot be changed."))
        return to_offer(request, offer)
    pending = review.pending_change(offer)
    # Bind the form to a copy (of the pending change, if there is one), so that the
    # service sees what was there before.
    shown = selectors.offer_for_workspace(pending or offer)
    added = wants_row(request) if request.method == "POST" else None
    if added:
        offer_forms = _forms_with_row(request, added, district=district, offer=shown)
    else:
        offer_forms = OfferForms(
            request.POST or None, district=district, actor=request.user, offer=shown
        )
    status = 200
    if request.method == "POST" and not added and offer_forms.is_valid():
        try:
            changed = services.offer_update(
                actor=request.user, offer=offer, **offer_forms.service_kwargs()
            )
        except StaleEdit as error:
            # Show what is saved now, so that the person can make their changes again.
            error_message(request, error)
            pending = review.pending_change(offer)
            current = selectors.offer_for_workspace(pending or offer)
            offer_forms = OfferForms(district=district, actor=request.user, offer=current)
            status = 409
        except ValidationError as error:
            add_service_error(offer_forms.form, error)
        else:
            if changed.pk != offer.pk:
                messages.success(
                    request,
                    _(
                        "Your change has been saved as a pending change. The published text "
                        "stays visible until a reviewer publishes the change; submit it for "
                        "review when it is ready."
                    ),
                )
            else:
                messages.success(request, _("The offer has been saved."))
            return to_offer(request, offer)
    context = {**form_context(), "forms": offer_forms, "offer": offer, "pending": pending}
    return render(request, "offers/workspace/offer_form.html", context, status=status)


@require_POST
@district_permission_required(can_use_offer_workspace)
def offer_submit(request, pk):
    offer = get_offer(request, pk, may_access=may_edit(request))
    try:
        services.offer_submit(actor=request.user, offer=review.pending_change(offer) or offer)
    except ValidationError as error:
        error_message(request, error)
    else:
        messages.success(
            request, _("Submitted for review. The reviewers have been informed by e-mail.")
        )
    return to_offer(request, offer)


@require_POST
@district_permission_required(can_use_offer_workspace)
def offer_confirm_now(request, pk):
    offer = get_offer(request, pk, may_access=may_edit(request))
    try:
        services.offer_confirm(actor=request.user, offer=offer)
    except ValidationError as error:
        error_message(request, error)
    else:
        messages.success(request, _("Thank you. The offer is confirmed as still valid."))
    return to_offer(request, offer)


@require_http_methods(["GET", "POST"])
@district_permission_required(can_open_offer_workspace)
def offer_archive(request, pk):
    offer = get_offer(request, pk)
    if offer.state == OfferState.ARCHIVED:
        messages.info(request, _("The offer is already archived."))
        return to_offer(request, offer)
    if request.method == "POST":
        try:
            services.offer_archive(actor=request.user, offer=offer)
        except ValidationError as error:
            error_message(request, error)
        else:
            messages.success(
                request,
                _("%(title)s has been archived and is no longer public.") % {"title": offer.title},
            )
        return to_offer(request, offer)
    return render(request, "offers/workspace/archive.html", {"offer": offer})


# Review -------------------------------------------------------------------------------------


@district_permission_required(can_review_some)
def review_queue(request):
    offers = list(selectors.offers_for_review(district=request.district, actor=request.user))
    return render(request, "offers/workspace/review_queue.html", {"offers": offers})


@require_POST
@district_permission_required(can_review_some)
def offer_publish(request, pk):
    offer = get_offer(request, pk, may_access=may_review(request))
    try:
        published = services.offer_publish(
            actor=request.user, offer=review.pending_change(offer) or offer
        )
    except ValidationError as error:
        error_message(request, error)
    else:
        messages.success(request, _("%(title)s is published.") % {"title": published.title})
    return to_offer(request, offer)


@require_http_methods(["GET", "POST"])
@district_permission_required(can_review_some)
def offer_reject(request, pk):
    offer = get_offer(request, pk, may_access=may_review(request))
    target = review.pending_change(offer) or offer
    form = RejectForm(request.POST or None)
    in_review = target.state == OfferState.IN_REVIEW
    if request.method == "POST" and in_review and form.is_valid():
        try:
            services.offer_reject(actor=request.user, offer=target, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The offer has been sent back to its authors."))
            return to_offer(request, offer)
    context = {"offer": offer, "target": target, "form": form, "in_review": in_review}
    return render(request, "offers/workspace/reject.html", context)


urlpatterns = [
    path("<slug:district_slug>/workspace/angebote/", workspace_list, name="workspace_list"),
    path("<slug:district_slug>/workspace/angebote/neu/", offer_create, name="offer_create"),
    path("<slug:district_slug>/workspace/angebote/pruefen/", review_queue, name="review_queue"),
    path("<slug:district_slug>/workspace/angebote/<int:pk>/", offer_detail, name="workspace_offer"),
    path(
        "<slug:district_slug>/workspace/angebote/<int:pk>/bearbeiten/",
        offer_edit,
        name="offer_edit",
    ),
    path(
        "<slug:district_slug>/workspace/angebote/<int:pk>/einreichen/",
        offer_submit,
        name="offer_submit",
    ),
    path(
        "<slug:district_slug>/workspace/angebote/<int:pk>/veroeffentlichen/",
        offer_publish,
        name="offer_publish",
    ),
    path(
        "<slug:district_slug>/workspace/angebote/<int:pk>/zurueckgeben/",
        offer_reject,
        name="offer_reject",
    ),
    path(
        "<slug:district_slug>/workspace/angebote/<int:pk>/archivieren/",
        offer_archive,
        name="offer_archive",
    ),
    path(
        "<slug:district_slug>/workspace/angebote/<int:pk>/bestaetigen/",
        offer_confirm_now,
        name="offer_confirm_now",
    ),
]
