from django.utils import translation

from knotenpunkt.directory.models import (
    LanguageCode,
    Organisation,
    OrganisationType,
    SpokenLanguage,
)


def test_choice_display_gives_the_label_in_the_active_language():
    organisation = Organisation(type=OrganisationType.SCHOOL)

    with translation.override("en"):
        english = organisation.get_type_display()
    with translation.override("de"):
        german = organisation.get_type_display()

    assert english == "School"
    assert english != german


def test_choice_display_gives_an_unknown_stored_value_unchanged():
    assert Organisation(type="no-longer-a-type").get_type_display() == "no-longer-a-type"


def test_reference_rows_show_their_label():
    with translation.override("en"):
        assert str(SpokenLanguage(code=LanguageCode.ARABIC)) == str(LanguageCode.ARABIC.label)
