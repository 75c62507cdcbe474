"""CORS: any website may read the API from a browser, without cookies; nothing else is opened."""

ORIGIN = "https://www.gemeinde-beispiel.de"


def test_reads_are_allowed_from_any_origin_without_credentials(client, api_url, offer):
    response = client.get(api_url(offer.district, "offers"), headers={"origin": ORIGIN})

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_preflight_allows_only_reading_methods_and_conditional_headers(client, api_url, offer):
    response = client.options(
        api_url(offer.district, "offers"),
        headers={
            "origin": ORIGIN,
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match",
        },
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert "if-none-match" in response["Access-Control-Allow-Headers"]


def test_errors_carry_cors_headers_too(client, district):
    response = client.get("/api/v1/no-such-district/offers", headers={"origin": ORIGIN})

    assert response.status_code == 404
    assert response["Access-Control-Allow-Origin"] == "*"


def test_pages_outside_the_api_get_no_cors_headers(client, district):
    response = client.get(f"/{district.slug}/", headers={"origin": ORIGIN})

    assert "Access-Control-Allow-Origin" not in response
