"""Template context every page needs for its layout."""

from django.conf import settings
from django.utils.translation import get_language, get_language_bidi


def layout(request):
    from knotenpunkt.core.navigation import main_navigation

    language = get_language() or settings.LANGUAGE_CODE
    district = getattr(request, "district", None)
    return {
        "district": district,
        "main_navigation": main_navigation(request, district),
        "language_is_rtl": get_language_bidi(),
        "language_is_partial": language.split("-")[0]
        not in settings.KNOTENPUNKT_COMPLETE_LANGUAGES,
    }
