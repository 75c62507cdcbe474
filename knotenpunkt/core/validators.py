"""Validators and normalisers every app uses for the same kind of value (postal codes,
phone numbers, bounded counts), so that one rule and one message hold everywhere."""

import re

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

PHONE_PATTERN = r"^\+?[0-9][0-9 ()/\-]{4,28}[0-9]$"
# Permissive on the separators people write (07961 123-456, +49 (0) 7961 123456,
# 07961/12345), strict on what it is: digits, at most one leading "+".
phone_validator = RegexValidator(
    PHONE_PATTERN,
    _("Enter a phone number with digits only, e.g. 07961 123-456 or +49 7961 123456."),
)
postal_code_validator = RegexValidator(r"^\d{5}$", _("Enter a German postal code with 5 digits."))

_PHONE = re.compile(PHONE_PATTERN)
COUNTRY_CODE = "49"


def tel_href(number: str) -> str | None:
    """Return a ``tel:`` address for ``number`` in international form (``tel:+497961123456``),
    or None if it is no phone number. A German number (0…) gets the country code; "(0)"
    after a country code is dropped, as it is not dialled from abroad."""
    number = (number or "").strip()
    if not _PHONE.match(number):
        return None
    if number.startswith("+"):
        number = number.replace("(0)", "")
    digits = re.sub(r"\D", "", number)
    if number.startswith("+"):
        international = digits
    elif digits.startswith("00"):
        international = digits[2:]
    elif digits.startswith("0"):
        international = COUNTRY_CODE + digits[1:]
    else:
        return f"tel:{digits}"  # a short or local number: dialled as written
    return f"tel:+{international}"


class BoundedPositiveSmallIntegerField(models.PositiveSmallIntegerField):
    """A positive small integer whose form field takes its bounds from the model's
    validators: otherwise the form says "≥ 0" for −3 and the model "≥ 1" for 0."""

    def formfield(self, **kwargs):
        for validator in self.validators:
            if isinstance(validator, MinValueValidator):
                kwargs.setdefault("min_value", validator.limit_value)
            elif isinstance(validator, MaxValueValidator):
                kwargs.setdefault("max_value", validator.limit_value)
        return super().formfield(**kwargs)
