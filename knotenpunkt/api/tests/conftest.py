"""Helpers of the API tests."""

import pytest

from knotenpunkt.directory.models import LanguageCode, SpokenLanguage
from knotenpunkt.offers.models import TargetGroup, TargetGroupCode


@pytest.fixture
def reference_lists(db):
    """The migrations' languages and target groups (live-server tests may have flushed them)."""
    for code in LanguageCode.values:
        SpokenLanguage.objects.get_or_create(code=code)
    for code in TargetGroupCode.values:
        TargetGroup.objects.get_or_create(code=code)


@pytest.fixture
def api_url():
    """Return the URL of an endpoint: ``api_url(district, "offers")``."""

    def url(district, *parts):
        return "/".join(["/api/v1", district.slug, *(str(part) for part in parts)])

    return url
