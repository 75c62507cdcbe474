"""axe finds no WCAG 2.1 A/AA violation on any kind of page, public or workspace, in German
and Arabic.

The pages come from the walk of the demo district (``core/tests/crawl.py``): one page of
each kind, for an anonymous visitor and then for each demo role (pages a role before it
reached are not checked again). A kind here is the URL pattern, and whether a filter is
set: the same list filtered by category or by language is the same template with one chip
more, and checking each filter of the catalogue and the map would double the walk's time.
One browser page per visitor; the report lists every page with its violations.
"""

import pytest

from knotenpunkt.core.demo import load_demo
from knotenpunkt.core.tests.crawl import Crawler, language_client, start_pages
from knotenpunkt.core.tests.demo_database import DEMO_DISTRICT, demo_members

from .axe import axe_violations, format_violations

# Runs once, in the SQLite run (conftest.py at the root says why).
pytestmark = pytest.mark.walk


def _pages_of_each_kind(crawler, start, checked_kinds):
    urls = []
    for page in crawler.walk(start):
        name, query = crawler.kind(page.url)
        kind = (name, bool(query))
        if page.status == 200 and page.is_html_document and kind not in checked_kinds:
            checked_kinds.add(kind)
            urls.append(page.url)
    return urls


@pytest.mark.parametrize("language", ["de", "ar"])
def test_every_kind_of_page_has_no_accessibility_violations(
    new_page, log_in, transactional_db, language
):
    load_demo()
    checked_kinds, reports = set(), []
    visitors = [(None, None)] + sorted(demo_members(DEMO_DISTRICT).items())
    for role, user in visitors:
        crawler = Crawler(
            language_client(language, user),
            district_slug=DEMO_DISTRICT,
            per_kind=1,
            private_only=user is not None,
        )
        start = (
            ["/", *start_pages(DEMO_DISTRICT)] if user is None else start_pages(DEMO_DISTRICT, role)
        )
        urls = _pages_of_each_kind(crawler, start, checked_kinds)
        page = new_page(language=language)
        if user is not None:
            log_in(page, user)
        for url in urls:
            page.goto(url)
            if violations := axe_violations(page):
                reports.append(f"[{role or 'anonymous'}] " + format_violations(url, violations))
    assert len(checked_kinds) > 30
    assert not reports, "\n\n".join(reports)
