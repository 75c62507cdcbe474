"""Workspace pages of the offers catalogue: writing, review, overviews.

Editors write offers and submit them; reviewers publish them or send them back with a note.
Changing a published offer changes its pending change, so that the public page keeps the
published text until a reviewer publishes the change. The one-click "still valid" link of
the reminder e-mail (``confirm``) is here too: it is the provider's page, only without login.
"""

from datetime import timedelta

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from knotenpunkt.core.access import get_in_district_or_404
from knotenpunkt.core.audit import history_rows
from knotenpunkt.core.decorators import district_permission_required, district_view
from knotenpunkt.core.forms import add_service_error
from knotenpunkt.core.lifecycle import freshness, review
from knotenpunkt.core.lifecycle.changes import StaleEdit
from knotenpunkt.core.lifecycle.translation import TranslationStatus, status_of

from .. import selectors, services
from ..forms import (
    RTL_LANGUAGES,
    CategoryForm,
    OfferFilterForm,
    OfferForms,
    RejectForm,
    TranslationForm,
    category_tree,
    translation_languages,
)
from ..models import Category, Offer, OfferState, OfferTranslation
from ..permissions import (
    can_edit_offer,
    can_manage_categories,
    can_review_offer,
    can_review_some,
    can_use_offer_workspace,
    can_view_overviews,
    editable_offers,
)
from ..tasks import CONFIRM_SALT

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


def can_open_workspace(actor, district) -> bool:
    """Whether the actor writes or reviews some offers (the navigation shows the same)."""
    return can_use_offer_workspace(actor, district) or can_review_some(actor, district)


def _may_edit(request):
    return lambda offer: can_edit_offer(request.user, request.district, offer)


def _may_review(request):
    return lambda offer: can_review_offer(request.user, request.district, offer)


def _may_work_on(request):
    def may_access(offer):
        return can_edit_offer(request.user, request.district, offer) or can_review_offer(
            request.user, request.district, offer
        )

    return may_access


def _get_offer(request, pk, may_access=None):
    """Return an offer (never a pending change) the user may work on; 404 otherwise."""
    return get_in_district_or_404(
        Offer.objects.main_rows().select_related("provider", "category"),
        district=request.district,
        may_access=may_access or _may_work_on(request),
        pk=pk,
    )


def _error_message(request, error):
    messages.error(request, " ".join(str(message) for message in error.messages))


def _to_offer(request, offer):
    return redirect("offers:workspace_offer", district_slug=request.district.slug, pk=offer.pk)


def _editable_ids(request, offers):
    """Return the ids among ``offers`` (a list) that the user may open in the workspace."""
    district = request.district
    ids = [offer.pk for offer in offers]
    return set(
        editable_offers(request.user, district, Offer.objects.in_district(district))
        .filter(pk__in=ids)
        .values_list("pk", flat=True)
    )


# The list and one offer --------------------------------------------------------------------


@district_permission_required(can_open_workspace)
def workspace_list(request):
    district = request.district
    form = OfferFilterForm(request.GET or None)
    filters = form.filters()
    offers = selectors.offers_for_editor(district=district, actor=request.user)
    if filters.get("query"):
        offers = offers.filter(title__icontains=filters["query"])
    state = filters.get("state")
    if state == OfferFilterForm.PENDING:
        offers = offers.filter(pending_revision__isnull=False)
    elif state in OfferFilterForm.NEEDS:
        offers = selectors.offers_needing(offers, state, district=district)
    elif state:
        offers = offers.filter(state=state)
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
    )


def _translation_rows(offer):
    by_language = {translation.language: translation for translation in offer.translations.all()}
    rows = []
    for code, name in translation_languages():
        translation = by_language.get(code)
        status = status_of(getattr(translation, "source_hash", None), offer.text_hash)
        rows.append({"code": code, "name": name, "status": status, "translation": translation})
    return rows


@district_permission_required(can_open_workspace)
def offer_detail(request, pk):
    district, user = request.district, request.user
    offer = selectors.offer_for_workspace(_get_offer(request, pk))
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
    offer_forms = OfferForms(request.POST or None, district=district, actor=request.user)
    if request.method == "POST" and offer_forms.is_valid():
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
            return _to_offer(request, offer)
    return render(
        request, "offers/workspace/offer_form.html", {"forms": offer_forms, "offer": None}
    )


@require_http_methods(["GET", "POST"])
@district_permission_required(can_use_offer_workspace)
def offer_edit(request, pk):
    district = request.district
    offer = _get_offer(request, pk, may_access=_may_edit(request))
    if offer.state == OfferState.ARCHIVED:
        messages.error(request, _("An archived offer cannot be changed."))
        return _to_offer(request, offer)
    pending = review.pending_change(offer)
    # Bind the form to a copy (of the pending change, if there is one), so that the
    # service sees what was there before.
    shown = selectors.offer_for_workspace(pending or offer)
    offer_forms = OfferForms(
        request.POST or None, district=district, actor=request.user, offer=shown
    )
    status = 200
    if request.method == "POST" and offer_forms.is_valid():
        try:
            changed = services.offer_update(
                actor=request.user, offer=offer, **offer_forms.service_kwargs()
            )
        except StaleEdit as error:
            # Show what is saved now, so that the person can make their changes again.
            _error_message(request, error)
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
            return _to_offer(request, offer)
    context = {"forms": offer_forms, "offer": offer, "pending": pending}
    return render(request, "offers/workspace/offer_form.html", context, status=status)


@require_POST
@district_permission_required(can_use_offer_workspace)
def offer_submit(request, pk):
    offer = _get_offer(request, pk, may_access=_may_edit(request))
    try:
        services.offer_submit(actor=request.user, offer=review.pending_change(offer) or offer)
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(
            request, _("Submitted for review. The reviewers have been informed by e-mail.")
        )
    return _to_offer(request, offer)


@require_POST
@district_permission_required(can_use_offer_workspace)
def offer_confirm_now(request, pk):
    offer = _get_offer(request, pk, may_access=_may_edit(request))
    try:
        services.offer_confirm(actor=request.user, offer=offer)
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(request, _("Thank you. The offer is confirmed as still valid."))
    return _to_offer(request, offer)


@require_http_methods(["GET", "POST"])
@district_permission_required(can_open_workspace)
def offer_archive(request, pk):
    offer = _get_offer(request, pk)
    if offer.state == OfferState.ARCHIVED:
        messages.info(request, _("The offer is already archived."))
        return _to_offer(request, offer)
    if request.method == "POST":
        try:
            services.offer_archive(actor=request.user, offer=offer)
        except ValidationError as error:
            _error_message(request, error)
        else:
            messages.success(
                request,
                _("%(title)s has been archived and is no longer public.") % {"title": offer.title},
            )
        return _to_offer(request, offer)
    return render(request, "offers/workspace/archive.html", {"offer": offer})


# Review -------------------------------------------------------------------------------------


@district_permission_required(can_review_some)
def review_queue(request):
    offers = list(selectors.offers_for_review(district=request.district, actor=request.user))
    return render(request, "offers/workspace/review_queue.html", {"offers": offers})


@require_POST
@district_permission_required(can_review_some)
def offer_publish(request, pk):
    offer = _get_offer(request, pk, may_access=_may_review(request))
    try:
        published = services.offer_publish(
            actor=request.user, offer=review.pending_change(offer) or offer
        )
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(request, _("%(title)s is published.") % {"title": published.title})
    return _to_offer(request, offer)


@require_http_methods(["GET", "POST"])
@district_permission_required(can_review_some)
def offer_reject(request, pk):
    offer = _get_offer(request, pk, may_access=_may_review(request))
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
            return _to_offer(request, offer)
    context = {"offer": offer, "target": target, "form": form, "in_review": in_review}
    return render(request, "offers/workspace/reject.html", context)


# Translations -------------------------------------------------------------------------------


def _language_name(language):
    names = dict(translation_languages())
    if language not in names:
        raise Http404
    return names[language]


@require_http_methods(["GET", "POST"])
@district_permission_required(can_use_offer_workspace)
def translation_edit(request, pk, language):
    language_name = _language_name(language)
    offer = _get_offer(request, pk, may_access=_may_edit(request))
    translation = OfferTranslation.objects.filter(offer=offer, language=language).first()
    initial = {}
    if translation is not None:
        initial = {
            "title": translation.title,
            "summary": translation.summary,
            "description": translation.description,
        }
    form = TranslationForm(request.POST or None, initial=initial, language=language)
    if request.method == "POST" and form.is_valid():
        try:
            services.translation_save(
                actor=request.user, offer=offer, language=language, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The translation into %(language)s has been saved.")
                % {"language": language_name},
            )
            return _to_offer(request, offer)
    context = {
        "offer": offer,
        "language": language,
        "language_name": language_name,
        "form": form,
        "translation": translation,
        "is_outdated": status_of(getattr(translation, "source_hash", None), offer.text_hash)
        == TranslationStatus.OUTDATED,
        "has_pending_change": review.pending_change(offer) is not None,
        "direction": "rtl" if language in RTL_LANGUAGES else "ltr",
    }
    return render(request, "offers/workspace/translation_form.html", context)


@require_POST
@district_permission_required(can_use_offer_workspace)
def translation_delete(request, pk, language):
    language_name = _language_name(language)
    offer = _get_offer(request, pk, may_access=_may_edit(request))
    translation = OfferTranslation.objects.filter(offer=offer, language=language).first()
    if translation is None:
        raise Http404
    services.translation_delete(actor=request.user, translation=translation)
    messages.success(
        request,
        _("The translation into %(language)s has been deleted.") % {"language": language_name},
    )
    return _to_offer(request, offer)


@district_permission_required(can_view_overviews)
def translations_overview(request):
    district = request.district
    languages = translation_languages()
    overview = selectors.translations_overview(
        district=district, languages=[code for code, _name in languages]
    )
    offers = {
        offer.pk: offer for parts in overview.values() for part in parts.values() for offer in part
    }
    sections = [
        {
            "code": code,
            "name": name,
            "missing": overview[code]["missing"],
            "outdated": overview[code]["outdated"],
        }
        for code, name in languages
    ]
    context = {"sections": sections, "editable_ids": _editable_ids(request, offers.values())}
    return render(request, "offers/workspace/translations_overview.html", context)


# Freshness ----------------------------------------------------------------------------------


@district_permission_required(can_view_overviews)
def stale_list(request):
    district = request.district
    offers = list(selectors.stale_offers(district=district))
    context = {
        "offers": offers,
        "editable_ids": _editable_ids(request, offers),
        "review_months": district.offer_review_months,
    }
    return render(request, "offers/workspace/stale.html", context)


@require_http_methods(["GET", "POST"])
@district_view
def confirm(request, token):
    """The one-click "still valid" link of the reminder e-mail: no login, the token is the key.

    GET only shows the offer and a button (mail scanners open links); POST confirms.
    """
    district = request.district
    try:
        pk, confirmed = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        return render(request, "offers/confirm.html", {"outcome": "expired", "offer": None})
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise Http404 from exc
    offer = get_in_district_or_404(
        Offer.objects.main_rows().select_related("provider"), district=district, pk=pk
    )
    current = offer.last_confirmed_at.isoformat() if offer.last_confirmed_at else ""
    if offer.state != OfferState.PUBLISHED:
        outcome = "not_published"
    elif current != confirmed:
        # Confirmed again since the e-mail was sent: this link has done its work.
        outcome = "already_confirmed"
    elif request.method == "POST":
        services.offer_confirm(actor=None, offer=offer)
        outcome = "confirmed"
    else:
        outcome = "ask"
    context = {
        "outcome": outcome,
        "offer": offer,
        "confirmation_due": services.confirmation_due(offer),
    }
    return render(request, "offers/confirm.html", context)


# Categories ---------------------------------------------------------------------------------


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
            category = services.category_save(
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
            services.category_save(
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
    services.ensure_default_categories(district)
    messages.success(request, _("The default categories have been added."))
    return redirect("offers:categories", district_slug=district.slug)


urlpatterns = [
    path("<slug:district_slug>/workspace/angebote/", workspace_list, name="workspace_list"),
    path("<slug:district_slug>/workspace/angebote/neu/", offer_create, name="offer_create"),
    path("<slug:district_slug>/workspace/angebote/pruefen/", review_queue, name="review_queue"),
    path("<slug:district_slug>/workspace/angebote/veraltet/", stale_list, name="stale"),
    path(
        "<slug:district_slug>/workspace/angebote/uebersetzungen/",
        translations_overview,
        name="translations_overview",
    ),
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
    path(
        "<slug:district_slug>/workspace/angebote/<int:pk>/uebersetzungen/<str:language>/",
        translation_edit,
        name="translation_edit",
    ),
    path(
        "<slug:district_slug>/workspace/angebote/<int:pk>/uebersetzungen/<str:language>/loeschen/",
        translation_delete,
        name="translation_delete",
    ),
    path("<slug:district_slug>/angebote/bestaetigen/<str:token>/", confirm, name="confirm"),
]
