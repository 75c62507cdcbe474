"""Fixtures for the browser tests: one Chromium per session, a fresh page per test, and a
partner's website that frames our pages.

Every page a test opens is watched: a console error (CSP violations arrive as console
errors), an uncaught exception or a failed sub-resource fails the test.
"""

import os
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an asyncio event loop in this thread; Django's ORM would
# otherwise refuse to run next to it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("KNOTENPUNKT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HARMLESS_CONSOLE_ERRORS = ("Failed to load resource", "htmx:sendAbort", "htmx:afterRequest")
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 740}


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install it with `make chromium` "
            "(Debian: apt-get install chromium) or set KNOTENPUNKT_CHROMIUM."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


class PageWatcher:
    """Collect what went wrong on the pages of one test."""

    def __init__(self):
        self.problems = []

    def watch(self, page):
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught exception: {error}"))
        page.on("response", self._on_response)

    def _on_console(self, message):
        # The browser also logs the status of a page that is meant to be an error page
        # (404, 410); failed sub-resources are caught in _on_response instead. htmx logs a
        # request the page cancels itself (hx-sync="this:replace") as an error, too; a
        # request that fails still logs htmx:sendError.
        if message.type == "error" and not message.text.startswith(HARMLESS_CONSOLE_ERRORS):
            self.problems.append(f"console error on {message.location.get('url')}: {message.text}")

    def _on_response(self, response):
        if response.status >= 400 and response.request.resource_type != "document":
            self.problems.append(
                f"{response.status} for {response.request.resource_type} {response.url}"
            )


@pytest.fixture
def new_page(browser, live_server):
    """Return a function that opens a page in a fresh browser context.

    ``language`` sets the language cookie; without it the browser asks for German, as
    most visitors in a German district do.
    """
    contexts = []
    watcher = PageWatcher()

    def open_page(*, language=None, viewport=DESKTOP, javascript=True, color_scheme="light"):
        context = browser.new_context(
            base_url=live_server.url,
            viewport=viewport,
            locale="de-DE",
            java_script_enabled=javascript,
            color_scheme=color_scheme,
        )
        context.set_default_timeout(10_000)
        if language:
            context.add_cookies(
                [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
            )
        contexts.append(context)
        page = context.new_page()
        page.javascript_enabled = javascript  # axe.py refuses pages without it
        watcher.watch(page)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not watcher.problems, "The browser reported problems:\n" + "\n".join(watcher.problems)


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def log_in(live_server):
    """Return a function that logs ``user`` in for ``page`` without the login form.

    Each login gets a session of its own, so that several people can be logged in at once.
    """
    from django.test import Client

    def log_in(page, user):
        client = Client()
        client.force_login(user)
        session_id = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session_id, "url": live_server.url}]
        )

    return log_in


@pytest.fixture
def partner_website():
    """Serve a page of a foreign website (another origin: 127.0.0.1, not localhost) that
    holds a snippet; return a function that publishes the page and returns its URL.

    A real server on this machine rather than a faked page: Chromium lets only local pages
    frame local ones (Local Network Access), as a partner's public page frames our public one.
    """
    pages = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = pages.get(self.path, "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def publish(iframe_src):
        pages["/angebote.html"] = (
            '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
            "<title>Gemeinde Oberbach</title></head><body><h1>Angebote in Oberbach</h1>"
            f'<iframe src="{iframe_src}" title="Angebote in Oberbach" loading="lazy" '
            'width="600" height="600"></iframe></body></html>'
        )
        return f"http://127.0.0.1:{server.server_port}/angebote.html"

    yield publish
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)
