"""Phone numbers and postal codes: one rule everywhere; tel: links only for phone numbers."""

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from knotenpunkt.core.validators import phone_validator, postal_code_validator, tel_href


@pytest.mark.parametrize(
    ("number", "href"),
    [
        ("07961 123-456", "tel:+497961123456"),
        ("07961/12345", "tel:+49796112345"),
        ("+49 (0) 7961 123456", "tel:+497961123456"),
        ("+43 1 234567", "tel:+431234567"),
        ("0043 1 234567", "tel:+431234567"),
        ("call me maybe", None),
        ("0800 CALL NOW", None),
        ("", None),
    ],
)
def test_a_phone_number_becomes_an_international_tel_address(number, href):
    assert tel_href(number) == href


@pytest.mark.parametrize("value", ["call me maybe", "123", "++49 7961", "07961 123-456 ext"])
def test_what_is_no_phone_number_is_refused(value):
    with pytest.raises(ValidationError):
        phone_validator(value)


@pytest.mark.parametrize("value", ["ABCDEFGHIJ", "1234", "123456", "7456 4"])
def test_only_five_digits_are_a_german_postal_code(value):
    with pytest.raises(ValidationError):
        postal_code_validator(value)
    postal_code_validator("74564")


def test_a_stored_value_that_is_no_phone_number_is_shown_without_a_tel_link():
    template = Template("{% load kern %}{% phone_link a %} {% phone_link b %}")

    html = template.render(Context({"a": "call me maybe", "b": "07961 123-456"}))

    assert 'href="tel:call' not in html
    assert '<span dir="ltr">call me maybe</span>' in html
    assert '<a class="kern-link" dir="ltr" href="tel:+497961123456">07961 123-456</a>' in html
