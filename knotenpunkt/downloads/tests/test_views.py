"""The pages of the download centre: public list, files, generated lists, workspace."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from knotenpunkt.core.roles import Role
from knotenpunkt.directory.models import OrganisationType
from knotenpunkt.directory.tests.factories import ContactPersonFactory, OrganisationFactory
from knotenpunkt.downloads.models import Document, DocumentCategory, DocumentVersion

from .factories import (
    EXE_BYTES,
    PDF_BYTES,
    DocumentFactory,
    DocumentVersionFactory,
    pdf_upload,
)


def _url(name, district, **kwargs):
    return reverse(f"downloads:{name}", kwargs={"district_slug": district.slug, **kwargs})


def test_the_public_list_shows_public_documents_by_category_with_type_and_size(
    client, district, document, internal_document, other_district, german
):
    DocumentFactory(district=other_district, title="Fremdes Dokument")
    DocumentVersionFactory(document=document, number=2, original_name="neu.pdf")

    html = client.get(_url("index", district)).content.decode()

    assert "Willkommensflyer" in html
    assert german("Flyer") in html
    assert "PDF" in html
    assert f'href="{_url("download", district, pk=document.pk)}"' in html
    assert f'href="{_url("coordination_points_pdf", district)}"' in html
    assert f'href="{_url("office_contacts_csv", district)}"' in html
    assert "Interner Leitfaden" not in html
    assert "Fremdes Dokument" not in html


def test_members_of_the_district_also_see_internal_documents(
    client, district, users, internal_document
):
    client.force_login(users[Role.VOLUNTEER])

    html = client.get(_url("index", district)).content.decode()

    assert "Interner Leitfaden" in html


def test_the_download_sends_the_current_version_as_an_attachment(client, district, document):
    DocumentVersionFactory(
        document=document,
        number=2,
        original_name="flyer-2026.pdf",
        file__data=PDF_BYTES + b"% version 2\n",
    )

    response = client.get(_url("download", district, pk=document.pk))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="flyer-2026.pdf"'
    assert b"".join(response.streaming_content).endswith(b"% version 2\n")


def test_an_older_version_can_be_downloaded_from_the_history(client, district, document):
    DocumentVersionFactory(document=document, number=2, original_name="neu.pdf")

    history = client.get(_url("document", district, pk=document.pk)).content.decode()
    response = client.get(_url("version_download", district, pk=document.pk, number=1))

    assert _url("version_download", district, pk=document.pk, number=1) in history
    assert _url("version_download", district, pk=document.pk, number=2) in history
    assert response.status_code == 200
    assert 'filename="flyer.pdf"' in response["Content-Disposition"]


def test_a_document_of_another_district_answers_404(client, district, other_district, users):
    foreign = DocumentFactory(district=other_district)
    DocumentVersionFactory(document=foreign, number=1)
    client.force_login(users[Role.DISTRICT_ADMIN])

    for name, kwargs in (
        ("document", {"pk": foreign.pk}),
        ("download", {"pk": foreign.pk}),
        ("version_download", {"pk": foreign.pk, "number": 1}),
        ("edit", {"pk": foreign.pk}),
        ("add_version", {"pk": foreign.pk}),
        ("delete", {"pk": foreign.pk}),
    ):
        assert client.get(_url(name, district, **kwargs)).status_code == 404, name
    assert client.post(_url("delete", district, pk=foreign.pk)).status_code == 404
    assert Document.objects.filter(pk=foreign.pk).exists()


def test_an_unknown_version_answers_404(client, district, document):
    assert (
        client.get(_url("version_download", district, pk=document.pk, number=7)).status_code == 404
    )


def test_the_generated_lists_download_as_pdf_and_csv(client, district, municipalities):
    point = OrganisationFactory(
        district=district,
        name="Koordinationsstelle Oberbach",
        type=OrganisationType.COORDINATION_POINT,
        municipality=municipalities[0],
    )
    office = OrganisationFactory(district=district, type=OrganisationType.DISTRICT_OFFICE)
    ContactPersonFactory(organisation=office, name="Anna Amt")

    pdf = client.get(_url("coordination_points_pdf", district))
    csv_response = client.get(_url("coordination_points_csv", district))
    contacts_csv = client.get(_url("office_contacts_csv", district))
    contacts_pdf = client.get(_url("office_contacts_pdf", district))

    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"].startswith('attachment; filename="koordinationsstellen-')
    assert pdf["X-Content-Type-Options"] == "nosniff"
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    text = csv_response.content.decode("utf-8-sig")
    assert point.name in text
    assert "Anna Amt" in contacts_csv.content.decode("utf-8-sig")
    assert contacts_pdf.content.startswith(b"%PDF")


def _list_queries(client, district, count):
    for index in range(count):
        document = DocumentFactory(
            district=district, category=list(DocumentCategory)[index % len(DocumentCategory)]
        )
        DocumentVersionFactory(document=document, number=1)
        DocumentVersionFactory(document=document, number=2)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url("index", district))
    assert response.status_code == 200
    assert response.content.decode().count(f"/{district.slug}/downloads/") >= count
    return len(queries)


def test_the_public_list_needs_as_many_queries_for_100_documents_as_for_10(
    client, district, other_district
):
    few = _list_queries(client, district, 10)
    many = _list_queries(client, other_district, 100)

    assert few == many


def test_the_workspace_list_needs_as_many_queries_for_100_documents_as_for_10(
    client, district, other_district, users, other_users
):
    def queries(slug_district, user, count):
        for _ in range(count):
            document = DocumentFactory(district=slug_district)
            DocumentVersionFactory(document=document, number=1)
        client.force_login(user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url("manage", slug_district)).status_code == 200
        return len(captured)

    few = queries(district, users[Role.DISTRICT_ADMIN], 10)
    many = queries(other_district, other_users[Role.DISTRICT_ADMIN], 100)

    assert few == many


@pytest.fixture
def coordinator_client(client, users):
    client.force_login(users[Role.DISTRICT_COORDINATOR])
    return client


def test_a_coordinator_adds_a_document_with_its_first_file(coordinator_client, district):
    response = coordinator_client.post(
        _url("create", district),
        {
            "title": "Standard Erstgespräch",
            "description": "",
            "category": DocumentCategory.STANDARD,
            "is_public": "on",
            "file": pdf_upload("Standard.pdf"),
        },
    )

    assert response.status_code == 302
    document = Document.objects.in_district(district).get()
    assert document.title == "Standard Erstgespräch"
    assert document.current_version.original_name == "Standard.pdf"


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (SimpleUploadedFile("programm.pdf", EXE_BYTES), "file_type"),
        (
            SimpleUploadedFile(
                "gross.pdf", PDF_BYTES + b"0" * settings.KNOTENPUNKT_MAX_UPLOAD_BYTES
            ),
            "file_too_large",
        ),
    ],
)
def test_a_bad_file_gives_a_field_error_and_saves_nothing(
    coordinator_client, district, upload, code
):
    response = coordinator_client.post(
        _url("create", district),
        {"title": "Flyer", "category": DocumentCategory.FLYER, "file": upload},
    )

    assert response.status_code == 200
    error = response.context["form"].errors.as_data()["file"][0]
    assert error.code == code
    html = response.content.decode()
    assert 'id="id_file_error"' in html
    assert escape(error.messages[0]) in html
    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()


def test_a_coordinator_uploads_a_new_version(coordinator_client, district, document):
    response = coordinator_client.post(
        _url("add_version", district, pk=document.pk), {"file": pdf_upload("flyer-neu.pdf")}
    )

    assert response.status_code == 302
    assert document.current_version.number == 2
    assert document.current_version.original_name == "flyer-neu.pdf"


def test_a_new_version_of_the_wrong_type_is_refused(coordinator_client, district, document):
    response = coordinator_client.post(
        _url("add_version", district, pk=document.pk),
        {"file": SimpleUploadedFile("flyer.pdf", EXE_BYTES)},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert document.versions.count() == 1


def test_a_coordinator_edits_the_metadata(coordinator_client, district, document):
    response = coordinator_client.post(
        _url("edit", district, pk=document.pk),
        {"title": "Flyer Willkommen", "description": "Neu", "category": DocumentCategory.FORM},
    )

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Flyer Willkommen"
    assert document.category == DocumentCategory.FORM
    assert document.is_public is False


def test_a_coordinator_deletes_a_document(coordinator_client, district, document):
    confirm = coordinator_client.get(_url("delete", district, pk=document.pk))
    response = coordinator_client.post(_url("delete", district, pk=document.pk))

    assert confirm.status_code == 200
    assert response.status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()


def test_a_volunteer_cannot_post_to_the_workspace(client, district, users, document):
    client.force_login(users[Role.VOLUNTEER])

    assert client.post(_url("delete", district, pk=document.pk)).status_code == 403
    response = client.post(
        _url("create", district),
        {"title": "X", "category": DocumentCategory.FLYER, "file": pdf_upload()},
    )
    assert response.status_code == 403
    assert Document.objects.count() == 1
