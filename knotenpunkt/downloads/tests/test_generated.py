"""The generated lists come from the directory: public entries only, always current."""

import csv
import io
import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from knotenpunkt.directory.models import OfficeUnit, OrganisationType
from knotenpunkt.directory.tests.factories import ContactPersonFactory, OrganisationFactory
from knotenpunkt.downloads import generated

# The assertions name the English msgids (root conftest.py).
pytestmark = pytest.mark.usefixtures("pages_in_english")


def pdf_text(html):
    """Return the text WeasyPrint lays out on the pages of ``html``, spaces collapsed."""
    from weasyprint import HTML

    def texts(box):
        if hasattr(box, "text"):
            yield box.text
        for child in getattr(box, "children", ()):
            yield from texts(child)

    document = HTML(string=html).render()
    words = " ".join(text for page in document.pages for text in texts(page._page_box))
    return re.sub(r"\s+", " ", words)


@pytest.fixture
def coordination_point(district, municipalities):
    point = OrganisationFactory(
        district=district,
        name="Koordinationsstelle Oberbach",
        type=OrganisationType.COORDINATION_POINT,
        municipality=municipalities[0],
        street="Marktplatz 1",
        postal_code="74500",
        city="Oberbach",
        phone="07961 123-456",
        email="integration@oberbach.example",
    )
    ContactPersonFactory(organisation=point, name="Petra Public", is_public=True)
    ContactPersonFactory(organisation=point, name="Ingo Intern", is_public=False)
    return point


@pytest.fixture
def hidden_points(district, other_district):
    OrganisationFactory(
        district=district,
        name="Verborgene Stelle",
        type=OrganisationType.COORDINATION_POINT,
        is_public=False,
    )
    OrganisationFactory(
        district=district, name="Caritas Nord", type=OrganisationType.WELFARE_ASSOCIATION
    )
    OrganisationFactory(
        district=other_district,
        name="Fremde Koordinationsstelle",
        type=OrganisationType.COORDINATION_POINT,
    )


@pytest.fixture
def office_staff(district, other_district):
    office = OrganisationFactory(
        district=district, name="Landratsamt Nordkreis", type=OrganisationType.DISTRICT_OFFICE
    )
    unit = OfficeUnit.objects.create(district=district, name="Sachgebiet Integration", position=1)
    deputy = ContactPersonFactory(
        organisation=office, name="Dora Deputy", unit=unit, is_public=True
    )
    ContactPersonFactory(
        organisation=office,
        name="Anna Amt",
        function="Sachgebietsleitung",
        phone="+49 7961 5550",
        unit=unit,
        deputy=deputy,
        is_public=True,
    )
    hidden_deputy = ContactPersonFactory(
        organisation=office, name="Heinz Hidden", unit=unit, is_public=False
    )
    ContactPersonFactory(
        organisation=office, name="Bert Beispiel", deputy=hidden_deputy, is_public=True
    )
    other_office = OrganisationFactory(
        district=other_district, name="Landratsamt Süd", type=OrganisationType.DISTRICT_OFFICE
    )
    ContactPersonFactory(organisation=other_office, name="Fritz Fremd", is_public=True)
    return unit


def _csv_rows(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_the_coordination_points_csv_lists_public_points_with_public_contacts(
    district, coordination_point, hidden_points
):
    with translation.override("en"):
        rows = _csv_rows(generated.coordination_points_csv(district))

    assert rows[0][:3] == ["Municipality", "Coordination point", "Address"]
    assert len(rows) == 2
    row = rows[1]
    assert row[0] == coordination_point.municipality.name
    assert row[1] == "Koordinationsstelle Oberbach"
    assert row[2] == "Marktplatz 1, 74500 Oberbach"
    assert row[3] == "07961 123-456"
    assert "Petra Public" in row[7]
    assert "Ingo Intern" not in row[7]


def test_the_coordination_points_pdf_shows_the_entries_the_district_and_the_date(
    district, coordination_point, hidden_points
):
    with translation.override("de"):
        pdf = generated.coordination_points_pdf(district)
        text = pdf_text(generated.coordination_points_html(district))
        today = date_format(timezone.localdate(), "DATE_FORMAT")

    assert pdf.startswith(b"%PDF")
    assert "Koordinationsstelle Oberbach" in text
    assert "Marktplatz 1, 74500 Oberbach" in text
    assert "07961 123-456" in text
    assert "integration@oberbach.example" in text
    assert "Petra Public" in text
    assert district.name in text
    assert today in text
    for hidden in ("Ingo Intern", "Verborgene Stelle", "Caritas Nord", "Fremde"):
        assert hidden not in text


def test_the_coordination_points_pdf_groups_the_points_by_municipality(
    district, municipalities, coordination_point
):
    OrganisationFactory(
        district=district,
        name="Integrationsbüro Unterbach",
        type=OrganisationType.COORDINATION_POINT,
        municipality=municipalities[1],
    )
    OrganisationFactory(
        district=district, name="Kreisweite Stelle", type=OrganisationType.COORDINATION_POINT
    )

    text = pdf_text(generated.coordination_points_html(district))

    first, second = sorted(municipalities[:2], key=lambda municipality: municipality.name)
    # Each municipality heads its points; points without one come last, under the district.
    assert text.index(first.name) < text.index(second.name)
    assert f"{district.name} Kreisweite Stelle" in text
    assert text.index("Integrationsbüro Unterbach") < text.index("Kreisweite Stelle")


def test_values_in_the_pdf_keep_their_order_in_right_to_left_languages(
    district, coordination_point
):
    html = generated.coordination_points_html(district)

    # Bidi isolates: in an Arabic line "07961 123-456" is still printed as one number.
    assert "\u206807961 123-456\u2069" in html


def test_a_change_in_the_directory_shows_in_the_next_pdf(district, coordination_point):
    coordination_point.name = "Integrationsbüro Oberbach"
    coordination_point.save()

    text = pdf_text(generated.coordination_points_html(district))

    assert "Integrationsbüro Oberbach" in text


def test_the_office_contacts_csv_groups_by_unit_with_public_deputies_only(district, office_staff):
    with translation.override("en"):
        rows = _csv_rows(generated.office_contacts_csv(district))

    assert rows[0] == ["Unit", "Name", "Function", "Phone", "E-mail", "Office hours", "Deputy"]
    by_name = {row[1]: row for row in rows[1:]}
    assert set(by_name) == {"Anna Amt", "Dora Deputy", "Bert Beispiel"}
    assert by_name["Anna Amt"][0] == "Sachgebiet Integration"
    assert by_name["Anna Amt"][3] == "+49 7961 5550"
    assert by_name["Anna Amt"][6] == "Dora Deputy"
    # The deputy is not public, so the list does not name him.
    assert by_name["Bert Beispiel"][6] == ""
    # Contacts with a unit come first, in the order of the units.
    assert [row[1] for row in rows[1:]][-1] == "Bert Beispiel"


def test_the_office_contacts_pdf_shows_units_contacts_and_deputies(district, office_staff):
    with translation.override("en"):
        pdf = generated.office_contacts_pdf(district)
        text = pdf_text(generated.office_contacts_html(district))
        today = date_format(timezone.localdate(), "DATE_FORMAT")

    assert pdf.startswith(b"%PDF")
    assert "Sachgebiet Integration" in text
    assert "Anna Amt" in text
    assert "Dora Deputy" in text
    assert today in text
    assert "Heinz Hidden" not in text
    assert "Fritz Fremd" not in text


def test_empty_lists_still_give_a_pdf_and_a_csv_header(district):
    assert generated.coordination_points_pdf(district).startswith(b"%PDF")
    assert generated.office_contacts_pdf(district).startswith(b"%PDF")
    assert len(_csv_rows(generated.coordination_points_csv(district))) == 1
    assert len(_csv_rows(generated.office_contacts_csv(district))) == 1


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_defused(district):
    OrganisationFactory(
        district=district,
        name='=HYPERLINK("http://evil.example")',
        type=OrganisationType.COORDINATION_POINT,
        phone="+49 7961 1",
    )

    row = _csv_rows(generated.coordination_points_csv(district))[1]

    assert row[1].startswith("'=")
    assert row[3] == "+49 7961 1"


def test_the_pdf_uses_the_kern_font_when_it_is_installed(district):
    html = generated.coordination_points_html(district)

    if generated._font_faces():
        assert "@font-face" in html
        assert "file://" in html
    assert "sans-serif" in html


def _woff2_font(path, family="Probe"):
    """Write a tiny real WOFF2 font to ``path``."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef"])
    builder.setupCharacterMap({})
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph()})
    builder.setupHorizontalMetrics({".notdef": (500, 0)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.font.flavor = "woff2"
    builder.save(path)
    return path


def test_the_pdf_font_is_converted_once_and_kept_on_disk(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    source = _woff2_font(tmp_path / "Probe-Regular.woff2")

    first = generated._ttf_font(source)
    written = first.stat().st_mtime_ns
    again = generated._ttf_font(source)

    assert first.parent == tmp_path / "var" / "fonts"
    assert first.read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType, no longer WOFF2
    assert again == first
    assert again.stat().st_mtime_ns == written
    assert [path.name for path in first.parent.iterdir()] == [first.name]


def test_a_new_font_file_gets_a_new_converted_copy(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    source = tmp_path / "Probe-Regular.woff2"

    old = generated._ttf_font(_woff2_font(source, family="Probe"))
    new = generated._ttf_font(_woff2_font(source, family="Probe Neu"))

    assert new != old
    assert new.is_file()


@pytest.mark.parametrize(
    ("build", "title"),
    [
        (generated.coordination_points_pdf, "Municipal coordination points"),
        (generated.office_contacts_pdf, "Contacts of the district office"),
    ],
)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_generated_pdfs_are_tagged_with_language_and_title(
    district, coordination_point, office_staff, build, title, language
):
    """PDF/UA (BITV): marked as tagged, a structure tree, the language, the title shown."""
    from pypdf import PdfReader

    with translation.override(language):
        pdf = PdfReader(io.BytesIO(build(district)))
        expected_title = translation.gettext(title)

    catalog = pdf.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    structure = catalog["/StructTreeRoot"].get_object()
    assert structure["/K"], "the structure tree is empty"
    assert catalog["/Lang"] == language
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert pdf.metadata.title == f"{expected_title} – {district.name}"
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()
