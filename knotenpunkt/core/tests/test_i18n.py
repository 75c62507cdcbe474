from django.utils import translation
from django.utils.translation import trans_real

from knotenpunkt.core.roles import Role


def test_untranslated_text_in_a_partial_language_falls_back_to_english(monkeypatch):
    """An Arabic visitor sees English, not German, where no Arabic text exists yet."""
    text = "Members and invitations"
    assert trans_real.translation("de").gettext(text) != text
    # An Arabic catalogue without any entry stands for a string not translated yet.
    monkeypatch.setattr(trans_real.translation("ar"), "_catalog", trans_real.TranslationCatalog())
    with translation.override("ar"):
        assert translation.gettext(text) == text


def test_translated_text_in_a_partial_language_is_shown():
    with translation.override("ar"):
        assert translation.gettext("Skip to content") != "Skip to content"


def test_german_is_complete_and_default():
    with translation.override("de"):
        assert translation.gettext("Members and invitations") != "Members and invitations"
        assert str(Role.VOLUNTEER.label) != "Volunteer"


def test_django_own_arabic_strings_still_work():
    with translation.override("ar"):
        # A variable, so that makemessages does not copy Django's string into our catalogue.
        djangos_own = "This field is required."
        assert translation.gettext(djangos_own) != djangos_own


def test_lists_are_joined_with_the_comma_of_the_language():
    from django.template import Context, Template

    from knotenpunkt.core.templatetags.kern import join_list

    with translation.override("de"):
        assert join_list(["Deutsch", "Arabisch"]) == "Deutsch, Arabisch"
    with translation.override("ar"):
        assert join_list(["العربية", "<b>"]) == "العربية، &lt;b&gt;"
        template = Template(
            "{% load kern %}{% for x in items %}{{ x }}{% if not forloop.last %}"
            "{% list_separator %}{% endif %}{% endfor %}"
        )
        assert template.render(Context({"items": ["أ", "ب"]})) == "أ، ب"


def test_a_language_not_yet_complete_says_that_missing_texts_appear_in_english(
    client, district, settings
):
    settings.KNOTENPUNKT_COMPLETE_LANGUAGES = ["de", "en"]
    client.cookies["django_language"] = "fa"

    html = client.get(f"/{district.slug}/").content.decode()

    assert "kp-partial-language" in html


def test_a_complete_language_shows_no_notice_of_english_texts(client, district):
    client.cookies["django_language"] = "fa"

    html = client.get(f"/{district.slug}/").content.decode()

    assert 'lang="fa"' in html and "kp-partial-language" not in html
