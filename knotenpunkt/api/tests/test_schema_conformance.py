"""The API answers as its own OpenAPI schema says, for parameters hypothesis makes up.

Each generated request names one of the documented operations with parameters that are
valid, empty, malformed or out of range; the answer's status must be one the operation
documents, and its body must validate against the schema documented for that status.
"""

import datetime
import json
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from knotenpunkt.offers.models import OfferTime

from ...offers.tests.factories import OfferFactory, OfferPlaceFactory


def _schema(client):
    return client.get("/api/v1/openapi.json").json()


def _validator(schema, component):
    """A validator of ``component`` (a JSON Schema with $refs into the OpenAPI document)."""
    resource = Resource.from_contents(
        {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    )
    registry = Registry().with_resource("urn:openapi", resource)
    return Draft202012Validator(
        {"$ref": "urn:openapi#" + component["$ref"].removeprefix("#")}
        if "$ref" in component
        else component,
        registry=registry,
        format_checker=FormatChecker(),
    )


def _junk():
    return st.one_of(
        st.just(""),
        st.text(max_size=12),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.sampled_from(["0", "-1", "1e3", "true", "null", "ar", "99999999"]),
    )


def _valid_value(parameter):
    schema = parameter.get("schema", {})
    choices = schema.get("anyOf", [schema])
    options = []
    for choice in choices:
        if "enum" in choice:
            options.append(st.sampled_from([str(value) for value in choice["enum"]]))
        elif choice.get("type") == "integer":
            low = choice.get("minimum", 1)
            high = min(choice.get("maximum", 50), 50)
            options.append(st.integers(min_value=low, max_value=max(low, high)).map(str))
        elif choice.get("type") == "boolean":
            options.append(st.sampled_from(["true", "false"]))
        elif choice.get("type") == "string":
            options.append(st.text(max_size=20))
    return st.one_of(*options) if options else _junk()


def _query(parameters):
    """A strategy for a query string: each parameter absent, valid or junk."""
    fields = {
        parameter["name"]: st.one_of(st.none(), _valid_value(parameter), _junk())
        for parameter in parameters
        if parameter["in"] == "query"
    }
    return st.fixed_dictionaries(fields).map(
        lambda values: {name: value for name, value in values.items() if value is not None}
    )


@pytest.fixture
def catalogue(district, categories, municipalities, reference_lists):
    """Offers with weekly and dated times, so that every field of the answers occurs."""
    offers = []
    for number in range(3):
        offer = OfferFactory(district=district, category=categories[number])
        OfferPlaceFactory(offer=offer, municipality=municipalities[0])
        OfferTime.objects.create(
            district=district,
            offer=offer,
            weekday=number,
            starts_at=datetime.time(17, 30),
            ends_at=datetime.time(19, 0),
        )
        OfferTime.objects.create(
            district=district,
            offer=offer,
            date=datetime.date(2030, 5, 1),
            starts_at=datetime.time(9, 0),
        )
        offers.append(offer)
    return offers


def _operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def _breaks_the_schema(parameter, value):
    """Whether ``value`` is plainly not what the schema declares for ``parameter``."""
    choices = [
        choice
        for choice in parameter.get("schema", {}).get("anyOf", [parameter.get("schema", {})])
        if choice.get("type") != "null"
    ]
    if any(choice.get("type") == "string" and "enum" not in choice for choice in choices):
        return False  # free text takes anything
    for choice in choices:
        if "enum" in choice and value in [str(item) for item in choice["enum"]]:
            return False
        if choice.get("type") == "integer":
            try:
                number = int(value)
            except ValueError:
                continue
            if choice.get("minimum", -(2**80)) <= number <= choice.get("maximum", 2**80):
                return False
        if choice.get("type") == "boolean" and value != "":
            return False  # the parser takes yes/no/1/0 as well: no claim either way
    return True


def _check(client, schema, path, operation, path_values, query):
    url = path
    for name, value in path_values.items():
        url = url.replace("{" + name + "}", str(value))
    response = client.get(url + ("?" + urlencode(query) if query else ""))
    documented = operation["responses"]
    assert str(response.status_code) in documented, (url, query, response.status_code)
    parameters = {item["name"]: item for item in operation.get("parameters", [])}
    if any(_breaks_the_schema(parameters[name], value) for name, value in query.items()):
        assert response.status_code in (404, 422), (url, query, response.status_code)
    content = documented[str(response.status_code)].get("content", {})
    if response.status_code == 304 or not content:
        return
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    component = content["application/json"]["schema"]
    errors = sorted(_validator(schema, component).iter_errors(body), key=str)
    assert not errors, (url, query, [error.message for error in errors[:3]])


@pytest.mark.parametrize(
    "operation_id",
    ["listOffers", "getOffer", "listCategories", "listOrganisations", "listMunicipalities"],
)
def test_every_answer_matches_the_schema_for_made_up_parameters(
    client, district, catalogue, operation_id
):
    schema = _schema(client)
    path, _method, operation = next(
        item for item in _operations(schema) if item[2]["operationId"] == operation_id
    )
    ids = [offer.pk for offer in catalogue]

    @settings(
        max_examples=40,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        query=_query(operation.get("parameters", [])),
        slug=st.sampled_from([district.slug, district.slug, "gibt-es-nicht"]),
        offer_id=st.one_of(st.sampled_from(ids), st.integers(min_value=-5, max_value=2**64)),
    )
    def run(query, slug, offer_id):
        _check(
            client, schema, path, operation, {"district_slug": slug, "offer_id": offer_id}, query
        )

    run()


def test_times_are_declared_as_local_times_without_a_format_that_needs_an_offset(client, db):
    text = json.dumps(_schema(client))

    assert '"format": "time"' not in text
    assert "HH:MM:SS" in text


def test_a_weekly_time_comes_as_the_schema_declares_it(client, district, catalogue, api_url):
    offer = catalogue[0]

    times = client.get(api_url(district, "offers", offer.pk)).json()["times"]

    assert {(time["starts_at"], time["ends_at"]) for time in times} == {
        ("17:30:00", "19:00:00"),
        ("09:00:00", None),
    }


def test_the_answers_while_the_database_is_down_are_documented(client, db):
    operation = _schema(client)["paths"]["/api/v1/{district_slug}/offers"]["get"]

    assert {"404", "422", "503"} <= set(operation["responses"])
