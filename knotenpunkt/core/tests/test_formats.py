"""Dates read the same way with and without a time, in every language."""

import datetime

import pytest
from django.utils import formats, translation


@pytest.mark.parametrize("language", ["de", "ar", "fa", "uk", "tr", "ru"])
def test_a_date_with_a_time_keeps_the_day_month_order_of_the_date_alone(language):
    moment = datetime.datetime(2026, 12, 7, 19, 47)  # noqa: DTZ001  (no zone needed to format)
    with translation.override(language):
        date_alone = formats.date_format(moment.date(), "SHORT_DATE_FORMAT")
        with_time = formats.date_format(moment, "SHORT_DATETIME_FORMAT")

    assert with_time.startswith(date_alone)
