"""Exports use the import's columns, are safe in spreadsheets and can be imported again."""

import io

import pytest
from openpyxl import load_workbook

from knotenpunkt.core.roles import Role
from knotenpunkt.directory.exporting import (
    contact_table,
    organisation_table,
    to_csv,
    to_xlsx,
)
from knotenpunkt.directory.importing import (
    CONTACT_COLUMNS,
    CONTACTS,
    ORGANISATION_COLUMNS,
    ORGANISATIONS,
    import_rows,
    read_table,
    table_rows,
    validate_rows,
)
from knotenpunkt.directory.models import ContactPerson, Organisation, SpokenLanguage, Topic

from .factories import ContactPersonFactory, OrganisationFactory


@pytest.fixture(autouse=True)
def _reference_lists(db):
    """Live-server tests empty every table, the reference rows of the migration too."""
    from knotenpunkt.directory.models import LanguageCode, SpokenLanguage, Topic, TopicCode

    for code in LanguageCode.values:
        SpokenLanguage.objects.get_or_create(code=code)
    for code in TopicCode.values:
        Topic.objects.get_or_create(code=code)


@pytest.fixture
def exported(district, municipalities):
    organisation = OrganisationFactory(
        district=district,
        name="Caritas",
        municipality=municipalities[0],
        phone="+49 7961 123456",
        description='=HYPERLINK("http://evil.example")',
    )
    organisation.languages.set(SpokenLanguage.objects.filter(code__in=["de", "ar"]))
    organisation.topics.set(Topic.objects.filter(code="health"))
    organisation.municipalities.set(municipalities[1:])
    contact = ContactPersonFactory(organisation=organisation, name="Erika Muster")
    contact.languages.set(SpokenLanguage.objects.filter(code="uk"))
    return organisation


def test_the_csv_is_utf8_with_bom_and_semicolons(exported):
    content = to_csv(*organisation_table(Organisation.objects.all()))
    assert content.startswith("\ufeff".encode())
    header = content.decode("utf-8-sig").splitlines()[0]
    assert header == ";".join(ORGANISATION_COLUMNS)


def test_formulas_are_neutralised_but_phone_numbers_stay(exported):
    text = to_csv(*organisation_table(Organisation.objects.all())).decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert ";+49 7961 123456;" in text


def test_the_xlsx_holds_text_cells_only(exported):
    content = to_xlsx(*organisation_table(Organisation.objects.all()), title="Organisationen")
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(ORGANISATION_COLUMNS)
    assert rows[1][0] == "Caritas"
    description = sheet.cell(row=2, column=ORGANISATION_COLUMNS.index("description") + 1)
    assert description.data_type == "s"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_export_can_be_imported_into_another_district(
    exported, municipalities, other_district, other_users, file_format
):
    # The other district gets municipalities with the same keys, as after a reorganisation.
    from knotenpunkt.districts.tests.factories import MunicipalityFactory

    for municipality in municipalities:
        MunicipalityFactory(
            district=other_district, name=municipality.name, official_key=municipality.official_key
        )
    coordinator = other_users[Role.DISTRICT_COORDINATOR]
    for kind, table in (
        (ORGANISATIONS, organisation_table(Organisation.objects.in_district(exported.district))),
        (CONTACTS, contact_table(ContactPerson.objects.in_district(exported.district))),
    ):
        content = to_xlsx(*table, title="x") if file_format == "xlsx" else to_csv(*table)
        rows = table_rows(kind, read_table(content))
        assert validate_rows(kind, rows, other_district).errors == []
        import_rows(actor=coordinator, district=other_district, kind=kind, rows=rows)

    copy = Organisation.objects.in_district(other_district).get(name="Caritas")
    assert copy.description == exported.description
    assert copy.phone == "+49 7961 123456"
    assert copy.municipality.official_key == municipalities[0].official_key
    assert set(copy.languages.values_list("code", flat=True)) == {"de", "ar"}
    assert sorted(m.official_key for m in copy.municipalities.all()) == sorted(
        m.official_key for m in municipalities[1:]
    )
    contact = ContactPerson.objects.in_district(other_district).get()
    assert contact.name == "Erika Muster"
    assert list(contact.languages.values_list("code", flat=True)) == ["uk"]


def test_contact_columns_match_the_import(exported):
    header, rows = contact_table(ContactPerson.objects.all())
    assert header == list(CONTACT_COLUMNS)
    assert rows[0][:2] == ["Caritas", "Erika Muster"]


def test_the_export_query_count_does_not_grow_with_the_rows(
    district, municipalities, django_assert_max_num_queries
):
    for _ in range(10):
        OrganisationFactory(district=district, municipality=municipalities[0])
    with django_assert_max_num_queries(5):
        organisation_table(Organisation.objects.in_district(district))
    for _ in range(40):
        OrganisationFactory(district=district, municipality=municipalities[0])
    with django_assert_max_num_queries(5):
        organisation_table(Organisation.objects.in_district(district))
