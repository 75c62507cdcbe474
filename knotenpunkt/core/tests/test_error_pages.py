"""Error pages: translated, in the layout, and revealing nothing about the failure."""

import logging

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from knotenpunkt.core import views
from knotenpunkt.core.roles import Role


def _template_names(response):
    return [template.name for template in response.templates]


def test_403_page_is_rendered_in_the_district_layout(client, district, users, german):
    client.force_login(users[Role.VOLUNTEER])

    response = client.get("/nordkreis/workspace/settings/")

    assert response.status_code == 403
    assert "errors/403.html" in _template_names(response)
    html = response.content.decode()
    assert german("Access denied") in html
    assert "Landkreis Nordkreis" in html
    assert 'class="kp-footer"' in html


def test_404_page_is_rendered_in_the_layout(client, db, german):
    response = client.get("/gibt-es-nicht/")

    assert response.status_code == 404
    assert "errors/404.html" in _template_names(response)
    assert german("Page not found") in response.content.decode()


def test_500_handler_renders_the_translated_page_in_the_layout(rf, german):
    # Called without middleware, so choose the default language as LocaleMiddleware would.
    with translation.override(settings.LANGUAGE_CODE):
        response = views.server_error(rf.get("/"))

    assert response.status_code == 500
    html = response.content.decode()
    assert german("Something went wrong") in html
    assert 'class="kp-header"' in html
    assert '<html lang="de"' in html


def test_400_handler_renders_the_translated_page(rf, german):
    with translation.override(settings.LANGUAGE_CODE):
        response = views.bad_request(rf.get("/"))

    assert response.status_code == 400
    assert german("Bad request") in response.content.decode()


def test_a_crashing_view_shows_the_500_page_without_any_detail(district, monkeypatch, german):
    secret = "password=hunter2 in table accounts_user"

    def crash(*args, **kwargs):
        raise RuntimeError(secret)

    monkeypatch.setattr("knotenpunkt.portal.views.render", crash)
    client = Client(raise_request_exception=False)

    response = client.get("/nordkreis/")

    assert response.status_code == 500
    html = response.content.decode()
    assert german("Something went wrong") in html
    assert "Landkreis Nordkreis" in html
    assert secret not in html
    assert "RuntimeError" not in html
    assert "Traceback" not in html


def test_the_500_handler_falls_back_to_plain_html_when_the_layout_fails(rf, monkeypatch, caplog):
    def broken_render(*args, **kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr(views, "render", broken_render)

    with caplog.at_level(logging.ERROR, logger="knotenpunkt.core.views"):
        response = views.server_error(rf.get("/"))

    assert response.status_code == 500
    html = response.content.decode()
    assert "Ein Fehler ist aufgetreten" in html
    assert "database is down" not in html
    assert "Rendering the error page failed" in caplog.text


def _by_header(client):
    return {"HTTP_ACCEPT_LANGUAGE": "en"}


def _by_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return {}


@pytest.mark.parametrize("ask_for_english", [_by_header, _by_cookie], ids=["header", "cookie"])
def test_error_pages_speak_english_when_the_visitor_asks_for_it(
    client, db, ask_for_english, german
):
    response = client.get("/gibt-es-nicht/", **ask_for_english(client))

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Page not found" in html
    assert german("Page not found") not in html


def test_error_pages_are_german_by_default(client, db, german):
    response = client.get("/gibt-es-nicht/", HTTP_ACCEPT_LANGUAGE="")

    html = response.content.decode()
    assert '<html lang="de"' in html
    assert german("Page not found") in html
