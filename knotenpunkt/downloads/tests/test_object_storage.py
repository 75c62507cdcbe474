"""Uploads in an S3-compatible object store (moto's server on this machine), so that several
application servers share them: uploaded, listed and downloaded through the real views."""

import io

from django.conf import settings
from django.urls import reverse
from PIL import Image

from knotenpunkt.core.roles import Role
from knotenpunkt.core.tests.object_storage import BUCKET
from knotenpunkt.downloads.models import Document, DocumentCategory

from .factories import pdf_upload

CONTENT = b"%PDF-1.4\n% Knotenpunkt object store test\n%%EOF\n"


def _keys(s3):
    return [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def _local_files():
    root = settings.MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_a_document_uploaded_through_the_view_lands_in_the_object_store_and_downloads_from_it(
    client, users, district, s3_storage
):
    before = _local_files()
    client.force_login(users[Role.DISTRICT_COORDINATOR])

    response = client.post(
        reverse("downloads:create", kwargs={"district_slug": district.slug}),
        {
            "title": "Standard Erstgespräch",
            "description": "",
            "category": DocumentCategory.STANDARD,
            "is_public": "on",
            "file": pdf_upload("Standard.pdf", CONTENT),
        },
    )

    assert response.status_code == 302
    version = Document.objects.in_district(district).get().current_version
    keys = _keys(s3_storage)
    assert keys == [f"uploads/{version.file.name}"]
    stored = s3_storage.get_object(Bucket=BUCKET, Key=keys[0])["Body"].read()
    assert stored == CONTENT
    assert _local_files() == before  # nothing on this server's disk

    client.logout()
    response = client.get(
        reverse(
            "downloads:download",
            kwargs={"district_slug": district.slug, "pk": version.document_id},
        )
    )

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    assert 'filename="Standard.pdf"' in response["Content-Disposition"]


def test_the_district_logo_is_kept_in_the_object_store_and_served_by_knotenpunkt(
    client, users, district, s3_storage
):
    image = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(image, "PNG")
    district.logo.save("wappen.png", io.BytesIO(image.getvalue()))

    assert _keys(s3_storage) == [f"uploads/{district.logo.name}"]
    page = client.get(district.get_absolute_url()).content.decode()
    assert f'src="{district.get_logo_url()}"'.replace("&", "&amp;") in page
    assert "amazonaws" not in page and "X-Amz" not in page  # no address outside our CSP

    response = client.get(district.get_logo_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == image.getvalue()
