"""Template context every page needs for its layout."""

from django.conf import settings
from django.utils.translation import get_language, get_language_bidi


def layout(request):
    language = get_language() or settings.LANGUAGE_CODE
    # Account pages (/accounts/…) keep the layout of the district one works in.
    district = getattr(request, "district", None) or getattr(request, "layout_district", None)
    return {
        "district": district,
        "language_is_rtl": get_language_bidi(),
        "language_is_partial": language.split("-")[0]
        not in settings.KNOTENPUNKT_COMPLETE_LANGUAGES,
    }
