"""A name in one field is split into the vCard's parts; a sentence ends with one full stop."""

import pytest

from knotenpunkt.core.names import NameParts, split_name
from knotenpunkt.core.text import before_full_stop


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Amal Haddad", NameParts(family="Haddad", given="Amal")),
        ("Jana Maria Müller", NameParts(family="Müller", given="Jana", additional="Maria")),
        (
            "Dr. Jana Müller B.Sc.",
            NameParts(family="Müller", given="Jana", prefix="Dr.", suffix="B.Sc."),
        ),
        ("Anna von Berg", NameParts(family="von Berg", given="Anna")),
        ("Müller, Jana Maria", NameParts(family="Müller", given="Jana", additional="Maria")),
        ("Sekretariat", NameParts(family="Sekretariat")),
        ("", NameParts()),
    ],
)
def test_a_name_is_split_into_family_given_and_the_rest(name, parts):
    assert split_name(name) == parts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jana Müller B.Sc.", "Jana Müller B.Sc"),
        ("Caritasverband e. V.", "Caritasverband e. V"),
        ("Jana Müller", "Jana Müller"),
        ("Warten…", "Warten…"),
        (None, ""),
    ],
)
def test_a_text_before_a_full_stop_loses_its_own(text, expected):
    assert before_full_stop(text) == expected
