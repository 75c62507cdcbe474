"""The district's logo is served by Knotenpunkt from the storage, whatever the storage."""

import io

from django.urls import reverse
from PIL import Image


def _png():
    image = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(image, "PNG")
    return image.getvalue()


def test_the_header_shows_the_logo_from_knotenpunkts_own_address(client, district):
    content = _png()
    district.logo.save("wappen.png", io.BytesIO(content))

    page = client.get(district.get_absolute_url()).content.decode()
    url = district.get_logo_url()

    assert url.startswith(reverse("districts:logo", kwargs={"district_slug": district.slug}))
    assert f'src="{url}"' in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "max-age" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == content


def test_a_new_logo_gets_a_new_address(district):
    district.logo.save("wappen.png", io.BytesIO(_png()))
    first = district.get_logo_url()
    district.logo.save("wappen-neu.png", io.BytesIO(_png()))

    assert district.get_logo_url() != first


def test_a_district_without_a_logo_answers_404(client, district):
    url = reverse("districts:logo", kwargs={"district_slug": district.slug})

    assert district.get_logo_url() == ""
    assert client.get(url).status_code == 404
