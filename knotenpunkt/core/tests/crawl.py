"""Walk the site as visitors do, with Django's test client, and collect what went wrong.

The walk starts from the pages the apps' view-access tables name (``AppPlugin.view_access``:
every page without URL arguments that the visitor may open) and from the public API's
OpenAPI schema, then follows every link, frame and redirect on the site, and fills in every
GET form (each option of a select, each checkbox and radio button, a word in each text
field) once. A page of a new app is therefore walked as soon as its table names it or a
page links to it; nothing here lists pages by hand.

``Crawler.walk()`` returns the pages it saw; ``crawler.failures`` lists every answer 5xx
(with the exception and where it was raised), every internal link that leads nowhere (404,
410), and every JSON or XML document that does not parse. Workspace and account pages are
walked for a logged-in member with ``private_only=True``; their public pages are walked
anonymously.
"""

from __future__ import annotations

import html
import json
import re
import time
import traceback
from collections import Counter, deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit
from xml.etree import ElementTree

from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils.http import parse_header_parameters

from .test_view_access_matrix import ROLE_COLUMNS, _all_rows

# Never walked: assets, Django's admin, switching the language or logging out (which would
# end the walk's session), the health check.
SKIPPED_PREFIXES = ("/static/", "/media/", "/admin/", "/i18n/", "/accounts/logout/", "/healthz/")
# The word typed into every text field of a GET form (a search).
SEARCH_WORD = "Deutsch"
HTML = "text/html"


@dataclass
class Page:
    """One answer of the walk."""

    url: str
    status: int
    content_type: str
    body: bytes
    found_on: str

    @property
    def is_html_document(self):
        return self.content_type.startswith(HTML) and b"<html" in self.body[:2000].lower()


@dataclass
class Failure:
    url: str
    status: int
    found_on: str
    detail: str = ""

    def __str__(self):
        text = f"{self.status} {self.url}  (linked from {self.found_on or 'the start'})"
        return f"{text}\n      {self.detail}" if self.detail else text


@dataclass
class _Form:
    action: str
    method: str
    fields: list = field(default_factory=list)  # (name, value)


_TAG = re.compile(r"<(a|link|area|iframe|form|/form|select|/select|option|input)\b([^>]*)>", re.I)
_ATTRIBUTE = re.compile(r"""([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
# A form field with more options than this (e.g. every organisation) is sampled by the cap.
MOST_VALUES_PER_FIELD = 60


def _attributes(text):
    return {
        name.lower(): html.unescape(a or b or c or "") for name, a, b, c in _ATTRIBUTE.findall(text)
    }


def _parse(document):
    """Return the links of an HTML page as (address, is a "next" link) and its forms.

    Regular expressions rather than an HTML parser: a walk reads thousands of our own pages,
    and Python's HTMLParser would take longer than rendering them.
    """
    links, forms = [], []
    form = select = None
    for tag, text in _TAG.findall(document):
        tag = tag.lower()
        attrs = _attributes(text)
        if tag in ("a", "link", "area") and attrs.get("href"):
            links.append((attrs["href"], "next" in attrs.get("rel", "").split()))
        elif tag == "iframe" and attrs.get("src"):
            links.append((attrs["src"], False))
        elif tag == "form":
            form = _Form(attrs.get("action", ""), attrs.get("method", "get").lower())
            forms.append(form)
        elif tag == "/form":
            form = None
        elif form is None or "disabled" in attrs:
            continue
        elif tag == "select":
            select = attrs.get("name")
        elif tag == "/select":
            select = None
        elif tag == "option" and select and attrs.get("value"):
            form.fields.append((select, attrs["value"]))
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text").lower()
            if kind in ("checkbox", "radio") and attrs.get("value"):
                form.fields.append((attrs["name"], attrs["value"]))
            elif kind in ("text", "search"):
                form.fields.append((attrs["name"], SEARCH_WORD))
    return links, forms


def view_access_rows():
    """Return the rows of every app's view-access table."""
    return _all_rows()


def start_pages(district_slug, role=None):
    """Return the pages without URL arguments that ``role`` (None: anonymous) may open."""
    # A row: (URL name, kwargs, anonymous, one column per role …, another district).
    column = 2 if role is None else 3 + ROLE_COLUMNS.index(role)
    urls = []
    for row in view_access_rows():
        if row[1] == {} and row[column] == 200:
            urls.append(reverse(row[0], kwargs={"district_slug": district_slug}))
    return urls


def private_url_names():
    """Return the URL names that anonymous visitors may not open (the workspace)."""
    return {row[0] for row in view_access_rows() if row[2] != 200}


def api_start_pages(client, district_slug, language):
    """Return the API's lists for the district (from its OpenAPI schema), in ``language``."""
    schema = client.get(reverse("api-v1:openapi-json")).json()
    urls = []
    for template, operations in schema["paths"].items():
        parameters = operations.get("get", {}).get("parameters", [])
        in_path = [p["name"] for p in parameters if p["in"] == "path"]
        if in_path != ["district_slug"]:
            continue  # pages of one record: reached through the lists (``_api_records``)
        url = template.replace("{district_slug}", district_slug)
        if any(p["name"] == "lang" for p in parameters):
            url += f"?lang={language}"
        urls.append(url)
    return urls


def _api_records(url, data):
    """Return the addresses of the records of an API list (``…/offers`` → ``…/offers/7``)."""
    path = urlsplit(url).path
    query = urlsplit(url).query
    keep = urlencode([(k, v) for k, v in parse_qsl(query) if k == "lang"])
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list):
        return []
    ids = [row["id"] for row in results if isinstance(row, dict) and "id" in row]
    candidates = [f"{path.rstrip('/')}/{pk}" + (f"?{keep}" if keep else "") for pk in ids]
    return [c for c in candidates if _resolves(urlsplit(c).path)]


def _json_links(data):
    """Return every absolute address inside a JSON document."""
    if isinstance(data, dict):
        return [link for value in data.values() for link in _json_links(value)]
    if isinstance(data, list):
        return [link for value in data for link in _json_links(value)]
    if isinstance(data, str) and data.startswith(("http://testserver/", "https://testserver/")):
        return [data]
    return []


def _resolves(path):
    """Whether ``path`` is a named page (not the API's catch-all "not found")."""
    try:
        return resolve(path).url_name is not None
    except Resolver404:
        return False


def _exception_summary(response):
    """Say which exception a 5xx came from and where in the project it was raised."""
    exc_info = getattr(response, "exc_info", None)
    if not exc_info:
        return ""
    _type, error, tb = exc_info
    frames = [f for f in traceback.extract_tb(tb) if "/knotenpunkt/" in f.filename]
    where = f" at {frames[-1].filename}:{frames[-1].lineno}" if frames else ""
    return f"{type(error).__name__}: {error}{where}"


class Crawler:
    """Walk the site from ``start`` for one visitor (``client``) in one language.

    ``per_kind`` caps the pages of one kind (the same URL pattern and query parameters):
    None walks every page, 2 walks two offers, two organisations … (a sample). Exempt from
    the cap: the pages of the URL names in ``every``; with ``every_filter``, each value of
    each GET form's fields; with ``to_the_end``, the "next page" links (``rel="next"``, an
    API's ``next``) of lists that are not filtered, so that every record can be reached.
    With ``private_only`` only workspace and account pages are walked.
    """

    def __init__(
        self,
        client: Client,
        *,
        district_slug: str,
        per_kind: int | None = None,
        every: frozenset = frozenset(),
        every_filter: bool = False,
        to_the_end: bool = False,
        private_only: bool = False,
        limit: int = 6000,
    ):
        self.client = client
        self.district_slug = district_slug
        self.per_kind = per_kind
        self.every = every
        self.every_filter = every_filter
        self.to_the_end = to_the_end
        self.private_only = private_only
        self.limit = limit
        self.failures: list[Failure] = []
        self.pages: list[Page] = []
        self._seen = set()
        self._kinds = Counter()
        self.seconds = Counter()  # kind: time spent (to see what makes a walk slow)
        self._queue = deque()
        self._expanded_forms = set()
        self._private_names = private_url_names()

    # What to walk ------------------------------------------------------------------------

    def _normalise(self, link, base):
        url = urljoin(base, link)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "") or parts.netloc not in ("", "testserver"):
            return None
        query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
        return parts.path + (f"?{query}" if query else "")

    def _in_scope(self, path):
        if path.startswith(SKIPPED_PREFIXES):
            return False
        try:
            match = resolve(path)
        except Resolver404:
            return True  # walked, so that a broken link is reported
        slug = match.kwargs.get("district_slug")
        if slug is not None and slug != self.district_slug:
            return False
        if self.private_only:
            return path.startswith("/accounts/") or match.view_name in self._private_names
        return True

    def kind(self, url):
        """Return (URL name or path, query parameters) of ``url``."""
        parts = urlsplit(url)
        try:
            name = resolve(parts.path).view_name
        except Resolver404:
            name = parts.path
        keys = tuple(sorted({k for k, _v in parse_qsl(parts.query, keep_blank_values=True)}))
        return name, keys

    def add(self, link, found_on="", base="http://testserver/", exempt=False):
        url = self._normalise(link, base)
        if url is None or url in self._seen or not self._in_scope(urlsplit(url).path):
            return
        kind = self.kind(url)
        capped = not exempt and kind[0] not in self.every
        if capped and self.per_kind is not None and self._kinds[kind] >= self.per_kind:
            return
        self._seen.add(url)
        self._kinds[kind] += 1
        self._queue.append((url, found_on))

    # Walking -----------------------------------------------------------------------------

    def walk(self, start):
        for url in start:
            self.add(url)
        with _plain_template_rendering():
            while self._queue and len(self.pages) < self.limit:
                url, found_on = self._queue.popleft()
                self._visit(url, found_on)
        return self.pages

    def _visit(self, url, found_on):
        started = time.perf_counter()
        response = self.client.get(url)
        self.seconds[self.kind(url)] += time.perf_counter() - started
        content_type = response.get("Content-Type", "")
        if response.streaming:  # a file: read it to the end, which also closes it
            body = b"".join(response.streaming_content)
            response.close()
        else:
            body = response.content
        page = Page(url, response.status_code, content_type, body, found_on)
        self.pages.append(page)
        base = f"http://testserver{url}"
        if response.status_code >= 500:
            self.failures.append(
                Failure(url, response.status_code, found_on, _exception_summary(response))
            )
        elif response.status_code in (404, 410) and found_on:
            self.failures.append(Failure(url, response.status_code, found_on, "broken link"))
        elif response.status_code in (301, 302, 303, 307, 308):
            self.add(response["Location"], found_on=url, base=base)
        elif response.status_code == 200:
            self._follow(page, base)

    def _follow(self, page, base):
        if page.content_type.startswith(HTML):
            links, forms = _parse(page.body.decode(errors="replace"))
            for link, is_next in links:
                exempt = is_next and self._walks_to_the_end(page.url, {"page"})
                self.add(link, found_on=page.url, base=base, exempt=exempt)
            if "?" not in page.url:
                self._fill_in_forms(forms, page, base)
        elif _media_type(page.content_type).endswith(("/json", "+json")):
            try:
                data = json.loads(page.body)
            except ValueError as error:
                self.failures.append(Failure(page.url, 200, page.found_on, f"bad JSON: {error}"))
                return
            if isinstance(data, dict) and isinstance(data.get("next"), str):
                exempt = self._walks_to_the_end(page.url, {"page", "limit", "lang"})
                self.add(data["next"], found_on=page.url, base=base, exempt=exempt)
            for link in _json_links(data) + _api_records(page.url, data):
                self.add(link, found_on=page.url, base=base)
        elif _media_type(page.content_type).endswith(("/xml", "+xml")):
            # Not a spreadsheet: its media type merely contains "xml" (…spreadsheetml.sheet).
            try:
                ElementTree.fromstring(page.body)  # noqa: S314  (our own feed)
            except ElementTree.ParseError as error:
                self.failures.append(Failure(page.url, 200, page.found_on, f"bad XML: {error}"))

    def _fill_in_forms(self, forms, page, base):
        """Send each value of each field of the page's GET forms once (one filter at a time)."""
        for form in forms:
            if form.method != "get":
                continue
            action = self._normalise(form.action or page.url, base)
            if action is None:
                continue
            action = action.split("?")[0]
            values = Counter(name for name, _value in form.fields)
            for name, value in form.fields:
                if (action, name, value) in self._expanded_forms:
                    continue
                self._expanded_forms.add((action, name, value))
                self.add(
                    f"{action}?{urlencode({name: value})}",
                    found_on=page.url,
                    base=base,
                    exempt=self.every_filter and values[name] <= MOST_VALUES_PER_FIELD,
                )

    def _walks_to_the_end(self, url, allowed):
        """Whether the next page of the list at ``url`` is walked whatever the cap: only in
        lists that are not filtered (their query has only ``allowed`` parameters)."""
        keys = {k for k, _v in parse_qsl(urlsplit(url).query)}
        return self.to_the_end and keys <= allowed


@contextmanager
def _plain_template_rendering():
    """Render templates without the test runner's instrumentation (a copy of every context
    for ``response.context``), which the walk does not need and which costs a fifth of its
    time."""
    from django.template import Template
    from django.test.utils import _TestState

    original = getattr(getattr(_TestState, "saved_data", None), "template_render", None)
    if original is None:
        yield
        return
    instrumented = Template._render
    Template._render = original
    try:
        yield
    finally:
        Template._render = instrumented


def language_client(language, user=None):
    """Return a test client that asks for ``language`` (and is logged in as ``user``)."""
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if user is not None:
        client.force_login(user)
    return client


def report(title, failures, limit=200):
    """Return the failures as one readable message."""
    lines = [f"{title}: {len(failures)}"]
    lines.extend(f"  - {failure}" for failure in failures[:limit])
    if len(failures) > limit:
        lines.append(f"  … and {len(failures) - limit} more")
    return "\n".join(lines)


def _media_type(content_type):
    """The media type alone: "application/rss+xml" of "application/rss+xml; charset=utf-8"."""
    return parse_header_parameters(content_type)[0]
