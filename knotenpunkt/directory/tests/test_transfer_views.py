"""The import pages (upload → preview → import now → result) and the export downloads."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from knotenpunkt.core.roles import Role
from knotenpunkt.directory.models import Organisation
from knotenpunkt.directory.views.transfer import SESSION_KEY

from .factories import ContactPersonFactory, OrganisationFactory


@pytest.fixture(autouse=True)
def _reference_lists(db):
    """Live-server tests empty every table, the reference rows of the migration too."""
    from knotenpunkt.directory.models import LanguageCode, SpokenLanguage, Topic, TopicCode

    for code in LanguageCode.values:
        SpokenLanguage.objects.get_or_create(code=code)
    for code in TopicCode.values:
        Topic.objects.get_or_create(code=code)


def url(name, district, **kwargs):
    return reverse(f"directory:{name}", kwargs={"district_slug": district.slug, **kwargs})


def csv_file(text, name="liste.csv"):
    return SimpleUploadedFile(name, ("\ufeff" + text).encode("utf-8"), content_type="text/csv")


@pytest.fixture
def coordinator_client(client, users):
    client.force_login(users[Role.DISTRICT_COORDINATOR])
    return client


def upload(client, district, file, kind="organisations"):
    return client.post(url("import_upload", district), {"kind": kind, "file": file})


def test_a_valid_file_is_previewed_and_then_imported(coordinator_client, district, municipalities):
    response = upload(
        coordinator_client,
        district,
        csv_file(f"name;type;municipality\nCaritas;welfare_association;{municipalities[0].name}\n"),
    )
    assert response.status_code == 302
    assert response["Location"] == url("import_preview", district)

    preview = coordinator_client.get(response["Location"])
    assert preview.status_code == 200
    assert "Caritas" in preview.content.decode()
    assert not Organisation.objects.exists(), "the preview saves nothing"
    digest = preview.context["digest"]

    done = coordinator_client.post(url("import_commit", district), {"digest": digest})
    assert done.status_code == 302
    assert done["Location"] == url("import_result", district)
    assert Organisation.objects.in_district(district).get().name == "Caritas"
    result = coordinator_client.get(done["Location"])
    assert result.context["result"]["count"] == 1
    assert SESSION_KEY not in coordinator_client.session

    # The same upload cannot be committed twice.
    again = coordinator_client.post(url("import_commit", district), {"digest": digest})
    assert again["Location"] == url("import_upload", district)
    assert Organisation.objects.count() == 1


def test_a_file_with_bad_rows_lists_them_and_imports_nothing(
    coordinator_client, district, municipalities
):
    upload(
        coordinator_client,
        district,
        csv_file(
            "name;type;email\nGut;school;\nSchlecht;kein_typ;\nAuch schlecht;school;keine-mail\n"
        ),
    )
    preview = coordinator_client.get(url("import_preview", district))
    report = preview.context["report"]
    assert [(error.line, error.column) for error in report.errors] == [(3, "type"), (4, "email")]
    page = preview.content.decode()
    assert 'id="import-errors"' in page
    assert 'name="digest"' not in page, "no import button while rows are invalid"

    # Even a forged commit request imports nothing.
    digest = coordinator_client.session[SESSION_KEY]["digest"]
    response = coordinator_client.post(url("import_commit", district), {"digest": digest})
    assert response["Location"] == url("import_preview", district)
    assert not Organisation.objects.exists()


def test_the_commit_needs_the_digest_of_the_upload_in_the_session(
    coordinator_client, district, municipalities
):
    upload(coordinator_client, district, csv_file("name;type\nCaritas;school\n"))
    response = coordinator_client.post(url("import_commit", district), {"digest": "0" * 64})
    assert response["Location"] == url("import_upload", district)
    assert not Organisation.objects.exists()


def test_rows_changed_in_the_session_are_not_trusted(coordinator_client, district, municipalities):
    upload(coordinator_client, district, csv_file("name;type\nCaritas;school\n"))
    session = coordinator_client.session
    data = session[SESSION_KEY]
    data["rows"][0][1]["name"] = "Untergeschoben"
    session[SESSION_KEY] = data
    session.save()
    response = coordinator_client.post(url("import_commit", district), {"digest": data["digest"]})
    assert response["Location"] == url("import_upload", district)
    assert not Organisation.objects.exists()


def test_an_xlsx_is_recognised_by_its_content_whatever_its_name(
    coordinator_client, district, municipalities
):
    workbook = Workbook()
    workbook.active.append(["name", "type"])
    workbook.active.append(["Jobcenter", "jobcenter"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = SimpleUploadedFile("export.csv", buffer.getvalue(), content_type="text/csv")
    assert upload(coordinator_client, district, file).status_code == 302
    preview = coordinator_client.get(url("import_preview", district))
    assert preview.context["report"].is_valid


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "liste.csv"),
        ("name;type\nMüller;school\n".encode("cp1252"), "liste.csv"),
        (b"", "liste.xlsx"),
        (b"name;city\nCaritas;Ort\n", "liste.csv"),
    ],
    ids=["image named csv", "not utf-8", "empty", "missing column"],
)
def test_unreadable_uploads_get_a_field_error(
    coordinator_client, district, municipalities, content, name
):
    response = upload(coordinator_client, district, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert SESSION_KEY not in coordinator_client.session


def test_uploads_over_5_mb_are_refused(coordinator_client, district, municipalities):
    content = b"name;type\n" + b"x" * (5 * 1024 * 1024)
    response = upload(coordinator_client, district, SimpleUploadedFile("gross.csv", content))
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_the_file_name_is_shown_sanitised(coordinator_client, district, municipalities):
    upload(
        coordinator_client, district, csv_file("name;type\nA;school\n", name='../<b>böse</b>".csv')
    )
    preview = coordinator_client.get(url("import_preview", district))
    assert "<b>" not in preview.context["filename"]
    assert "/" not in preview.context["filename"]


def test_contacts_are_imported_for_existing_organisations(
    coordinator_client, district, municipalities
):
    organisation = OrganisationFactory(district=district, name="Diakonie")
    upload(
        coordinator_client,
        district,
        csv_file("organisation;name;email;public\nDiakonie;Erika Muster;erika@example.org;ja\n"),
        kind="contacts",
    )
    digest = coordinator_client.session[SESSION_KEY]["digest"]
    coordinator_client.post(url("import_commit", district), {"digest": digest})
    assert organisation.contacts.get().name == "Erika Muster"


def test_the_template_has_the_import_columns(coordinator_client, district):
    response = coordinator_client.get(url("import_template", district, kind="contacts"))
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode("utf-8-sig").startswith("organisation;name;function")
    assert (
        coordinator_client.get(url("import_template", district, kind="nothing")).status_code == 404
    )


def test_the_export_follows_the_filters(coordinator_client, district, municipalities):
    OrganisationFactory(district=district, name="Grundschule Nord", type="school")
    OrganisationFactory(district=district, name="Jobcenter", type="jobcenter")
    response = coordinator_client.get(url("export_download", district), {"type": "school"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert "Grundschule Nord" in text
    assert "Jobcenter" not in text

    response = coordinator_client.get(
        url("export_download", district), {"q": "job", "format": "xlsx"}
    )
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == ["Jobcenter"]


def test_the_export_of_contacts_follows_the_organisation_filters(
    coordinator_client, district, municipalities
):
    ContactPersonFactory(
        organisation=OrganisationFactory(district=district, type="school"), name="Lehrerin"
    )
    ContactPersonFactory(
        organisation=OrganisationFactory(district=district, type="police"), name="Polizist"
    )
    response = coordinator_client.get(
        url("export_download", district), {"kind": "contacts", "type": "police"}
    )
    text = response.content.decode("utf-8-sig")
    assert "Polizist" in text
    assert "Lehrerin" not in text


def test_a_municipality_of_another_district_in_the_filter_is_a_404(
    coordinator_client, district, municipalities, other_municipalities
):
    response = coordinator_client.get(
        url("export_download", district), {"municipality": other_municipalities[0].pk}
    )
    assert response.status_code == 404


def test_the_export_never_contains_another_districts_organisations(
    coordinator_client, district, municipalities, other_district
):
    OrganisationFactory(district=other_district, name="Fremd")
    text = coordinator_client.get(url("export_download", district)).content.decode("utf-8-sig")
    assert "Fremd" not in text


def test_a_municipal_coordinator_may_not_import(client, users, district):
    client.force_login(users[Role.MUNICIPAL_COORDINATOR])
    response = client.post(
        url("import_upload", district),
        {"kind": "organisations", "file": csv_file("name;type\nA;school\n")},
    )
    assert response.status_code == 403
    assert not Organisation.objects.exists()
