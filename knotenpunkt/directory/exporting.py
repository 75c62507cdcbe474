"""Export organisations and contacts as CSV (for Excel) and XLSX, in the import's columns."""

import csv
import io
import re

from .importing import CONTACT_COLUMNS, FORMULA_PREFIXES, ORGANISATION_COLUMNS

# Phone numbers start with "+"; they are data, not formulas, and must survive a round trip.
_PHONE_LIKE = re.compile(r"^\+?[0-9 ()/\-]+$")


def _yes_no(value: bool) -> str:
    return "ja" if value else "nein"


def _codes(items) -> str:
    return ", ".join(sorted(item.pk for item in items))


def organisation_row(organisation) -> list[str]:
    """Return the cells of one organisation, in ``ORGANISATION_COLUMNS`` order."""
    municipality = organisation.municipality
    return [
        organisation.name,
        organisation.type,
        municipality.official_key if municipality else "",
        organisation.street,
        organisation.postal_code,
        organisation.city,
        organisation.phone,
        organisation.fax,
        organisation.email,
        organisation.website,
        organisation.opening_hours,
        organisation.description,
        _codes(organisation.languages.all()),
        _codes(organisation.topics.all()),
        ", ".join(sorted(item.official_key for item in organisation.municipalities.all())),
        _yes_no(organisation.serves_whole_district),
        _yes_no(organisation.is_public),
    ]


def contact_row(contact) -> list[str]:
    """Return the cells of one contact person, in ``CONTACT_COLUMNS`` order."""
    return [
        contact.organisation.name,
        contact.name,
        contact.function,
        contact.phone,
        contact.fax,
        contact.email,
        contact.office_hours,
        _codes(contact.languages.all()),
        _yes_no(contact.is_public),
    ]


def organisation_table(organisations):
    """Return header and rows for ``organisations`` (a queryset)."""
    organisations = organisations.select_related("municipality").prefetch_related(
        "languages", "topics", "municipalities"
    )
    return list(ORGANISATION_COLUMNS), [organisation_row(item) for item in organisations]


def contact_table(contacts):
    contacts = contacts.select_related("organisation").prefetch_related("languages")
    return list(CONTACT_COLUMNS), [contact_row(item) for item in contacts]


def _safe(text: str) -> str:
    """Neutralise cells a spreadsheet would run as a formula (CSV injection)."""
    if text and text.startswith(FORMULA_PREFIXES) and not _PHONE_LIKE.match(text):
        return "'" + text
    return text


def to_csv(header, rows) -> bytes:
    """Return CSV as Excel in Germany reads it: UTF-8 with BOM, ``;`` between cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(header, rows, *, title: str) -> bytes:
    """Return an XLSX workbook with one sheet; every cell is text, never a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])

    def text_cell(value):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell

    sheet.append([text_cell(column) for column in header])
    for row in rows:
        sheet.append([text_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
