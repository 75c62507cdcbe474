"""Languages: which way each is written, and the fallback of partly translated ones.

Partly translated languages fall back to English, not to German.

Django falls back from any language to LANGUAGE_CODE (German here). Our msgids are
English (docs/decisions), and a visitor reading Arabic or Farsi is far more likely to
understand English than German, which is also what the page's notice promises. Django
has no setting for this, so we replace the one method that adds the fallback; a test
(core/tests/test_i18n.py) guards the behaviour against changes in Django.
"""

from django.conf import settings
from django.utils.translation import trans_real

# Django's own list of the languages written from right to left.
RTL_LANGUAGES = frozenset(settings.LANGUAGES_BIDI)


def text_direction(language):
    """Return "rtl" or "ltr": the ``dir`` of a text in ``language`` (a language code)."""
    return "rtl" if language in RTL_LANGUAGES else "ltr"


class _TranslationWithoutGermanFallback(trans_real.DjangoTranslation):
    def _add_fallback(self, localedirs=None):
        # No fallback catalogue: a missing entry returns its English msgid.
        return


def use_english_fallback():
    if trans_real.DjangoTranslation is not _TranslationWithoutGermanFallback:
        trans_real.DjangoTranslation = _TranslationWithoutGermanFallback
        trans_real._translations = {}
