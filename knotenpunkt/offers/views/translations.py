"""Workspace pages of offer translations: write one beside the German text, delete it, and
the overview of what is missing or outdated per language."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from knotenpunkt.core.decorators import district_permission_required
from knotenpunkt.core.forms import add_service_error
from knotenpunkt.core.i18n import text_direction
from knotenpunkt.core.lifecycle import review
from knotenpunkt.core.lifecycle.translation import TranslationStatus, status_of

from .. import selectors, services
from ..forms import TranslationForm, translation_languages
from ..models import OfferTranslation
from ..permissions import can_use_offer_workspace, can_view_overviews
from .access import editable_ids, get_offer, may_edit, to_offer


def _language_name(language):
    names = dict(translation_languages())
    if language not in names:
        raise Http404
    return names[language]


@require_http_methods(["GET", "POST"])
@district_permission_required(can_use_offer_workspace)
def translation_edit(request, pk, language):
    language_name = _language_name(language)
    offer = get_offer(request, pk, may_access=may_edit(request))
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
            return to_offer(request, offer)
    context = {
        "offer": offer,
        "language": language,
        "language_name": language_name,
        "form": form,
        "translation": translation,
        "is_outdated": status_of(getattr(translation, "source_hash", None), offer.text_hash)
        == TranslationStatus.OUTDATED,
        "has_pending_change": review.pending_change(offer) is not None,
        "direction": text_direction(language),
    }
    return render(request, "offers/workspace/translation_form.html", context)


@require_POST
@district_permission_required(can_use_offer_workspace)
def translation_delete(request, pk, language):
    language_name = _language_name(language)
    offer = get_offer(request, pk, may_access=may_edit(request))
    translation = OfferTranslation.objects.filter(offer=offer, language=language).first()
    if translation is None:
        raise Http404
    services.translation_delete(actor=request.user, translation=translation)
    messages.success(
        request,
        _("The translation into %(language)s has been deleted.") % {"language": language_name},
    )
    return to_offer(request, offer)


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
    context = {"sections": sections, "editable_ids": editable_ids(request, offers.values())}
    return render(request, "offers/workspace/translations_overview.html", context)


urlpatterns = [
    path(
        "<slug:district_slug>/workspace/angebote/uebersetzungen/",
        translations_overview,
        name="translations_overview",
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
]
