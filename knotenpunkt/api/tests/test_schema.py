"""The OpenAPI schema at a stable URL and the interactive documentation, without a CDN."""

import re


def test_the_openapi_schema_describes_every_endpoint(client, db):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Knotenpunkt API"
    assert set(schema["paths"]) == {
        "/api/v1/{district_slug}/offers",
        "/api/v1/{district_slug}/offers/{offer_id}",
        "/api/v1/{district_slug}/categories",
        "/api/v1/{district_slug}/organisations",
        "/api/v1/{district_slug}/municipalities",
    }
    operations = [operation for path in schema["paths"].values() for operation in path.values()]
    # HEAD is answered but not documented separately (the same as GET).
    assert {operation["operationId"] for operation in operations} == {
        "listOffers",
        "getOffer",
        "listCategories",
        "listOrganisations",
        "listMunicipalities",
    }
    offers = schema["paths"]["/api/v1/{district_slug}/offers"]["get"]
    assert {"200", "304", "404", "422"} <= set(offers["responses"])
    assert {parameter["name"] for parameter in offers["parameters"]} >= {
        "q",
        "category",
        "municipality",
        "language",
        "target_group",
        "free",
        "provider",
        "sort",
        "lang",
        "page",
        "limit",
    }


def test_the_documentation_loads_its_scripts_from_our_own_static_files(client, db):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/static/") for source in sources), sources
    # No inline script: the settings are a JSON data block, the code is in files.
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline == [' type="application/json" id="swagger-settings"']
