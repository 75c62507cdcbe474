"""While the database cannot be reached: 503 with Retry-After, in the layout, JSON for the API."""

import json
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from knotenpunkt.core.roles import Role
from knotenpunkt.core.unavailable import database_unavailable_error


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.fixture
def unreachable_database(db):
    """Every new query fails as if the server were gone, from here to the end of the test."""

    def refuse():
        raise OperationalError("connection refused")

    def break_it():
        patcher = mock.patch.object(connection, "ensure_connection", side_effect=refuse)
        patcher.start()
        patchers.append(patcher)

    patchers = []
    yield break_it
    for patcher in patchers:
        patcher.stop()


def _assert_unavailable_page(response, *, language):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert 'class="kp-header"' in html
    assert 'class="kp-footer"' in html
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}"' in html
    return html


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_public_page_answers_503_in_the_district_layout_while_the_database_is_down(
    visitor, district, unreachable_database, language, german
):
    visitor.cookies["django_language"] = language
    assert visitor.get("/nordkreis/").status_code == 200
    unreachable_database()

    response = visitor.get("/nordkreis/angebote/")

    html = _assert_unavailable_page(response, language=language)
    assert "Landkreis Nordkreis" in html
    if language == "de":
        assert german("Knotenpunkt is unavailable for a moment") in html


def test_a_district_this_process_never_served_gets_the_sites_layout(
    visitor, district, unreachable_database
):
    unreachable_database()

    response = visitor.get("/irgendwo/")

    html = _assert_unavailable_page(response, language="de")
    assert 'kp-brand__name">Knotenpunkt<' in html


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_workspace_page_answers_503_in_the_layout_while_the_database_is_down(
    visitor, users, unreachable_database, language
):
    visitor.force_login(users[Role.DISTRICT_COORDINATOR])
    visitor.cookies["django_language"] = language
    assert visitor.get("/nordkreis/workspace/").status_code == 200
    unreachable_database()

    response = visitor.get("/nordkreis/workspace/")

    html = _assert_unavailable_page(response, language=language)
    assert "Landkreis Nordkreis" in html


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_api_answers_503_as_json_while_the_database_is_down(
    visitor, district, unreachable_database, language
):
    unreachable_database()

    response = visitor.get("/api/v1/nordkreis/offers", HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"].startswith("application/problem+json")
    body = json.loads(response.content)
    assert body["status"] == 503
    assert body["detail"]


def test_an_error_caused_by_a_lost_connection_counts_as_one():
    try:
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError as lost:
            raise RuntimeError("while rendering") from lost
    except RuntimeError as error:
        assert database_unavailable_error(error) is not None
    assert database_unavailable_error(RuntimeError("another failure")) is None


def test_other_errors_still_answer_500(visitor, district, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("knotenpunkt.portal.views.render", crash)

    assert visitor.get("/nordkreis/").status_code == 500
