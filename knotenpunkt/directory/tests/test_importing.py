"""Reading, validating and committing imports of organisations and contacts."""

import io
import time
import zipfile

import pytest
from django.utils import translation
from openpyxl import Workbook

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.core.roles import Role
from knotenpunkt.directory.importing import (
    CONTACTS,
    ORGANISATIONS,
    ImportInvalid,
    UploadError,
    import_rows,
    read_table,
    table_rows,
    validate_rows,
)
from knotenpunkt.directory.models import ContactPerson, Organisation

from .factories import OrganisationFactory

HEADER = (
    "name;type;municipality;postal_code;phone;email;languages;topics;"
    "municipalities_served;whole_district;public"
)


@pytest.fixture(autouse=True)
def _reference_lists(db):
    """Live-server tests empty every table, the reference rows of the migration too."""
    from knotenpunkt.directory.models import LanguageCode, SpokenLanguage, Topic, TopicCode

    for code in LanguageCode.values:
        SpokenLanguage.objects.get_or_create(code=code)
    for code in TopicCode.values:
        Topic.objects.get_or_create(code=code)


def _csv(*lines, delimiter=";", bom=True):
    text = "\r\n".join(line.replace(";", delimiter) for line in lines) + "\r\n"
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def _rows(kind, content):
    return table_rows(kind, read_table(content))


def _xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def coordinator(users):
    return users[Role.DISTRICT_COORDINATOR]


def test_csv_with_bom_and_semicolons_is_read_as_excel_writes_it():
    table = read_table(_csv("name;type", "Caritas;welfare_association"))
    assert table == [["name", "type"], ["Caritas", "welfare_association"]]


def test_csv_with_commas_and_without_bom_is_read():
    table = read_table(
        _csv(
            "name;type;description",
            'VHS;adult_education;"Kurse, Beratung"',
            delimiter=",",
            bom=False,
        )
    )
    assert table[1] == ["VHS", "adult_education", "Kurse, Beratung"]


def test_xlsx_is_recognised_by_content_and_read():
    content = _xlsx([["name", "type", "postal_code"], ["Jobcenter", "jobcenter", 74564]])
    assert read_table(content) == [
        ["name", "type", "postal_code"],
        ["Jobcenter", "jobcenter", "74564"],
    ]


@pytest.mark.parametrize(
    "content",
    [
        "name;type\r\nMüller;school\r\n".encode("latin-1"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"PK\x03\x04 not really a zip",
    ],
    ids=["latin-1 text", "png image", "broken zip"],
)
def test_files_that_are_neither_utf8_csv_nor_xlsx_are_refused(content):
    with pytest.raises(UploadError):
        read_table(content)


def test_a_zip_that_is_no_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(UploadError):
        read_table(buffer.getvalue())


def test_a_file_without_the_required_columns_is_refused():
    with pytest.raises(UploadError, match="type"):
        _rows(ORGANISATIONS, _csv("name;city", "Caritas;Teststadt"))


def test_empty_rows_are_skipped_and_line_numbers_follow_the_file():
    rows = _rows(ORGANISATIONS, _csv("name;type", "A;school", ";", "B;school"))
    assert [line for line, _values in rows] == [2, 4]


def test_a_valid_file_creates_every_organisation_through_the_services(
    district, municipalities, coordinator
):
    first, second, third = municipalities
    content = _csv(
        HEADER,
        f"Caritas;welfare_association;{first.official_key};74564;07961 123-456;"
        f"info@caritas.example;de, ar;counselling;{second.name}, {third.official_key};nein;ja",
        "Volkshochschule;Adult education centre (VHS);;;;;;language;;ja;nein",
    )
    rows = _rows(ORGANISATIONS, content)
    report = validate_rows(ORGANISATIONS, rows, district)
    assert report.errors == []
    assert report.is_valid

    assert import_rows(actor=coordinator, district=district, kind=ORGANISATIONS, rows=rows) == 2

    caritas = Organisation.objects.in_district(district).get(name="Caritas")
    assert caritas.municipality == first
    assert set(caritas.languages.values_list("code", flat=True)) == {"de", "ar"}
    assert list(caritas.topics.values_list("code", flat=True)) == ["counselling"]
    assert set(caritas.municipalities.all()) == {second, third}
    assert caritas.is_public and not caritas.serves_whole_district
    vhs = Organisation.objects.in_district(district).get(name="Volkshochschule")
    assert vhs.type == "adult_education"
    assert vhs.serves_whole_district and not vhs.is_public
    assert (
        AuditEntry.objects.in_district(district).filter(action="organisation.created").count() == 2
    )


def test_one_bad_row_commits_nothing_and_every_bad_row_is_reported(
    district, municipalities, other_municipalities, coordinator
):
    content = _csv(
        HEADER,
        "Gute Organisation;school;;;;;;;;;",
        "Falscher Typ;no_such_type;;;;;;;;;",
        f"Fremde Gemeinde;school;{other_municipalities[0].official_key};;;;;;;;",
        "Falsche Codes;school;;;;;xx;no_topic;;;",
        "Falsche Kontaktdaten;school;;1234;abc;keine-mail;;;;vielleicht;",
        ";school;;;;;;;;;",
    )
    rows = _rows(ORGANISATIONS, content)
    report = validate_rows(ORGANISATIONS, rows, district)

    problems = {(error.line, error.column) for error in report.errors}
    assert problems == {
        (3, "type"),
        (4, "municipality"),
        (5, "languages"),
        (5, "topics"),
        (6, "postal_code"),
        (6, "phone"),
        (6, "email"),
        (6, "whole_district"),
        (7, "name"),
    }
    assert [line for line, _values in report.rows] == [2]
    assert not report.is_valid
    with pytest.raises(ImportInvalid) as caught:
        import_rows(actor=coordinator, district=district, kind=ORGANISATIONS, rows=rows)
    assert len(caught.value.report.errors) == len(report.errors)
    assert not Organisation.objects.in_district(district).exists()
    assert (
        not AuditEntry.objects.in_district(district).filter(action="organisation.created").exists()
    )


def test_names_must_be_unique_in_the_file_and_in_the_district(district, municipalities):
    OrganisationFactory(district=district, name="Jobcenter")
    rows = _rows(
        ORGANISATIONS, _csv("name;type", "Jobcenter;jobcenter", "VHS;school", "vhs;school")
    )
    report = validate_rows(ORGANISATIONS, rows, district)
    assert {(error.line, error.column) for error in report.errors} == {(2, "name"), (4, "name")}


def test_the_commit_validates_again_and_rolls_back_everything(
    district, municipalities, coordinator
):
    rows = _rows(ORGANISATIONS, _csv("name;type", "Erste;school", "Zweite;school"))
    assert validate_rows(ORGANISATIONS, rows, district).is_valid
    # Someone creates one of the names between the preview and the commit.
    OrganisationFactory(district=district, name="Zweite")

    with pytest.raises(ImportInvalid):
        import_rows(actor=coordinator, district=district, kind=ORGANISATIONS, rows=rows)
    assert not Organisation.objects.in_district(district).filter(name="Erste").exists()


def test_contacts_are_imported_into_existing_organisations_of_the_district(
    district, municipalities, other_district, coordinator
):
    organisation = OrganisationFactory(district=district, name="Diakonie")
    OrganisationFactory(district=other_district, name="Fremde Organisation")
    content = _csv(
        "organisation;name;function;phone;email;languages;public",
        "diakonie;Erika Muster;Beratung;+49 7961 123456;erika@diakonie.example;de, uk;ja",
        "Fremde Organisation;Max Muster;;;;;",
        "Diakonie;;;;;;",
    )
    rows = _rows(CONTACTS, content)
    report = validate_rows(CONTACTS, rows, district)
    assert {(error.line, error.column) for error in report.errors} == {
        (3, "organisation"),
        (4, "name"),
    }
    with pytest.raises(ImportInvalid):
        import_rows(actor=coordinator, district=district, kind=CONTACTS, rows=rows)
    assert not ContactPerson.objects.exists()

    import_rows(actor=coordinator, district=district, kind=CONTACTS, rows=rows[:1])
    contact = ContactPerson.objects.get()
    assert contact.organisation == organisation
    assert contact.is_public
    assert set(contact.languages.values_list("code", flat=True)) == {"de", "uk"}


def test_only_coordinators_can_commit(district, municipalities, users):
    from django.core.exceptions import PermissionDenied

    rows = _rows(ORGANISATIONS, _csv("name;type", "Erste;school"))
    with pytest.raises(PermissionDenied):
        import_rows(actor=users[Role.VOLUNTEER], district=district, kind=ORGANISATIONS, rows=rows)
    assert not Organisation.objects.exists()


def test_a_workbook_that_unpacks_too_large_is_refused(monkeypatch):
    from knotenpunkt.core import spreadsheets

    monkeypatch.setattr(spreadsheets, "MAX_XLSX_UNPACKED_BYTES", 1000)
    with pytest.raises(UploadError):
        read_table(_xlsx([["name", "type"], ["x" * 5000, "school"]]))


def test_a_formula_guard_from_the_export_is_removed_again():
    rows = _rows(ORGANISATIONS, _csv("name;type;description", "A;school;'=1+1", "B;school;'Zitat"))
    assert rows[0][1]["description"] == "=1+1"
    assert rows[1][1]["description"] == "'Zitat"


# Limits before reading ---------------------------------------------------------------------


def _huge_xlsx(rows, columns, *, dimension=None, first_row=1):
    """A workbook whose sheet has ``rows`` × ``columns`` cells, written as raw XML: about
    100 KB for three million cells. ``dimension``: the size the sheet declares, if any."""
    from openpyxl.utils import get_column_letter

    template = io.BytesIO(_xlsx([["name", "type"]]))
    out = io.BytesIO()
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info, source.read(info))
                continue
            cells = "<c><v>1</v></c>" * columns
            declared = ""
            if dimension:
                declared = f'<dimension ref="A1:{get_column_letter(dimension[1])}{dimension[0]}"/>'
            body = "".join(
                f'<row r="{number}">{cells}</row>' for number in range(first_row, first_row + rows)
            )
            target.writestr(
                info.filename,
                '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                f'openxmlformats.org/spreadsheetml/2006/main">{declared}<sheetData>{body}'
                "</sheetData></worksheet>",
            )
    return out.getvalue()


def _refused_quickly(content, match):
    started = time.monotonic()
    with translation.override("en"), pytest.raises(UploadError, match=match):
        read_table(content)
    return time.monotonic() - started


def test_a_small_workbook_of_three_million_cells_is_refused_without_reading_it_all():
    content = _huge_xlsx(3000, 1000)
    assert len(content) < 200 * 1024

    assert _refused_quickly(content, "columns|too large") < 2


def test_a_workbook_with_16000_columns_is_refused_after_its_first_row():
    assert _refused_quickly(_huge_xlsx(50, 16_000), "columns") < 2


def test_a_workbook_that_declares_a_huge_sheet_is_refused_before_any_row_is_read(monkeypatch):
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    def never(*args, **kwargs):
        raise AssertionError("rows were read")

    monkeypatch.setattr(ReadOnlyWorksheet, "iter_rows", never)

    _refused_quickly(_huge_xlsx(1, 2, dimension=(1_000_000, 20)), "rows")
    _refused_quickly(_huge_xlsx(1, 2, dimension=(10, 5000)), "columns")
    _refused_quickly(_huge_xlsx(1, 2, dimension=(5000, 90)), "cells")


def test_a_workbook_with_more_rows_than_allowed_is_refused_and_not_cut_silently():
    assert _refused_quickly(_huge_xlsx(6000, 2), "rows") < 2


def test_a_single_cell_a_million_rows_down_is_refused_quickly():
    """openpyxl fills the gap above it with empty rows; they count."""
    assert _refused_quickly(_huge_xlsx(1, 1, first_row=1_000_000), "rows") < 2


def test_a_workbook_of_many_cells_in_allowed_rows_and_columns_is_refused():
    assert _refused_quickly(_huge_xlsx(4000, 60), "cells") < 5


def test_a_csv_file_with_too_many_columns_is_refused():
    _refused_quickly(_csv("name;type" + ";x" * 200), "columns")


def test_an_archive_that_unpacks_to_far_more_than_it_weighs_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", " " * (40 * 1024 * 1024))
    assert len(buffer.getvalue()) < 100 * 1024

    _refused_quickly(buffer.getvalue(), "too large")


def test_an_archive_of_thousands_of_parts_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for number in range(500):
            archive.writestr(f"xl/part{number}.xml", "")

    _refused_quickly(buffer.getvalue(), "too large")


def test_a_workbook_at_the_limits_is_still_read():
    table = read_table(_huge_xlsx(2000, 20))

    assert len(table) == 2000


def test_a_sheet_with_a_document_type_is_refused():
    content = _xlsx([["name", "type"]])
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"<worksheet", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet', 1
                )
            target.writestr(info, data)

    _refused_quickly(out.getvalue(), "cannot be read")
