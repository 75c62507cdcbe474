"""Every page of the demo district answers, in every language, for every visitor.

A walk (``crawl.py``) follows every link of the site from the pages the apps' view-access
tables name; it fails on any answer 5xx, a link that leads nowhere, or a feed or API answer
that does not parse, and reports them all at once.

In German it walks every offer and every organisation, every value of every filter and
every page of the lists; in the other languages a few pages of each kind. Set
``KNOTENPUNKT_CRAWL_ALL=1`` to walk every page in every language (minutes).
"""

import os

import pytest
from django.conf import settings

from .crawl import Crawler, api_start_pages, language_client, report, start_pages
from .demo_database import demo, demo_members  # noqa: F401  (fixture)
from .nu_validator import html_errors

# Runs once, in the SQLite run (conftest.py at the root says why).
pytestmark = pytest.mark.walk

LANGUAGES = [code for code, _name in settings.LANGUAGES]
EVERYTHING = os.environ.get("KNOTENPUNKT_CRAWL_ALL") == "1"
# The pages walked completely in German: one per offer and per organisation.
EVERY_RECORD = frozenset({"offers:offer", "directory:organisation"})


def public_crawler(client, district_slug, language):
    """Return the walk of the public pages: complete in German, a sample in the others."""
    if EVERYTHING:
        return Crawler(client, district_slug=district_slug)
    if language == settings.LANGUAGE_CODE:
        return Crawler(
            client,
            district_slug=district_slug,
            per_kind=3,
            every=EVERY_RECORD,
            every_filter=True,
            to_the_end=True,
        )
    return Crawler(client, district_slug=district_slug, per_kind=2)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_answers_without_a_server_error(db, demo, language):  # noqa: F811
    client = language_client(language)
    crawler = public_crawler(client, demo, language)

    pages = crawler.walk(["/", *start_pages(demo), *api_start_pages(client, demo, language)])

    assert len(pages) > 20
    assert not crawler.failures, report(f"Public pages that failed ({language})", crawler.failures)


def workspace_crawler(client, district_slug):
    return Crawler(
        client, district_slug=district_slug, per_kind=None if EVERYTHING else 2, private_only=True
    )


@pytest.mark.parametrize("language", ["de", "ar"])
def test_every_workspace_page_answers_without_a_server_error(db, demo, language):  # noqa: F811
    failures = []
    for role, user in sorted(demo_members(demo).items()):
        crawler = workspace_crawler(language_client(language, user), demo)
        pages = crawler.walk(start_pages(demo, role))
        assert pages, role
        failures.extend(f"[{role}] {failure}" for failure in crawler.failures)
    assert not failures, report(f"Workspace pages that failed ({language})", failures)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_every_public_and_workspace_page_is_valid_html(db, demo, language):  # noqa: F811
    """The Nu Html Checker finds no error on a sample of every kind of page (one run)."""
    documents, failures = {}, []
    walks = [(None, language_client(language), ["/", *start_pages(demo)])]
    for role, user in sorted(demo_members(demo).items()):
        walks.append((role, language_client(language, user), start_pages(demo, role)))
    for role, client, start in walks:
        crawler = (
            Crawler(client, district_slug=demo, per_kind=2)
            if role is None
            else workspace_crawler(client, demo)
        )
        for page in crawler.walk(start):
            if page.is_html_document:
                documents.setdefault(page.url, (role, page.body))
        failures.extend(crawler.failures)
    assert not failures, report("Pages that failed", failures)
    assert len(documents) > 50

    errors = html_errors(
        {
            f"{url} ({language}, {role or 'anonymous'})": body
            for url, (role, body) in documents.items()
        }
    )

    assert not errors, report(f"HTML errors in {len(documents)} pages ({language})", errors)
