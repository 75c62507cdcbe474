"""Tables in and out: reading CSV and XLSX uploads within limits, writing CSV and XLSX.

Every import and export of the project goes through here, so that the limits against files
built to exhaust the server (a 100 KB workbook of three million cells, a "zip bomb") and the
protection against formula injection hold for every app alike.
"""

import csv
import io
import re
import zipfile
from xml.parsers import expat

import filetype
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv; charset=utf-8"

# What an import may contain. The imports know about twenty columns; a spreadsheet with
# more is not one of ours. Rows and cells bound the work before a row is validated.
MAX_ROWS = 5000
MAX_COLUMNS = 100
MAX_CELLS = 150_000
# What a workbook may unpack to, and how many parts it may have (an XLSX has about ten).
MAX_XLSX_UNPACKED_BYTES = 25 * 1024 * 1024
MAX_XLSX_MEMBERS = 100

# Cells a spreadsheet would run as a formula; the export prefixes them with an apostrophe
# and the import takes the apostrophe off again.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Phone numbers start with "+"; they are data, not formulas, and must survive a round trip.
_PHONE_LIKE = re.compile(r"^\+?[0-9 ()/\-]+$")


class UploadError(Exception):
    """The file as a whole cannot be read; the message is for the person uploading."""


# Reading ---------------------------------------------------------------------------------


class _Bounds:
    """Count rows and cells while a table is read, and stop at the first limit."""

    def __init__(self):
        self.rows = 0
        self.cells = 0

    def add(self, row_length):
        self.rows += 1
        self.cells += row_length
        if row_length > MAX_COLUMNS:
            raise too_many_columns()
        if self.rows > MAX_ROWS + 1:  # the header and MAX_ROWS rows
            raise too_many_rows()
        if self.cells > MAX_CELLS:
            raise too_many_cells()


def too_many_rows():
    return UploadError(
        _("The file has more than %(count)s rows; split it into smaller files.")
        % {"count": MAX_ROWS}
    )


def too_many_columns():
    return UploadError(
        _("The file has more than %(count)s columns; keep only the columns of the import.")
        % {"count": MAX_COLUMNS}
    )


def too_many_cells():
    return UploadError(
        _("The file has more than %(count)s cells; split it into smaller files.")
        % {"count": number_format(MAX_CELLS, force_grouping=True)}
    )


def is_xlsx(content: bytes) -> bool:
    """Whether ``content`` is an Office Open XML workbook, judged by its bytes."""
    if not content.startswith(b"PK\x03\x04"):
        return False
    kind = filetype.guess(content)
    if kind is not None and kind.mime == XLSX_MIME:
        return True
    # filetype only looks at the first entries; fall back to the workbook part itself.
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def read_table(content: bytes, *, max_bytes: int) -> list[list[str]]:
    """Return the cells of the first sheet (XLSX) or of the CSV text, as strings.

    Refuses, with a message for people, files over ``max_bytes``, over ``MAX_ROWS`` rows,
    ``MAX_COLUMNS`` columns or ``MAX_CELLS`` cells, before reading further than the limit.
    """
    if len(content) > max_bytes:
        raise UploadError(
            _("The file is larger than %(limit)s.") % {"limit": filesizeformat(max_bytes)}
        )
    if is_xlsx(content):
        return _read_xlsx(content)
    if content.startswith(b"PK") or b"\x00" in content:
        raise UploadError(_("The file is neither a CSV file nor an Excel workbook (.xlsx)."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadError(
            _("The CSV file is not encoded in UTF-8. Save it as “CSV UTF-8” and try again.")
        ) from exc
    return _read_csv(text)


def _read_csv(text: str) -> list[list[str]]:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    bounds = _Bounds()
    table = []
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            bounds.add(len(row))
            table.append([cell.strip() for cell in row])
    except csv.Error as exc:
        raise UploadError(_("The CSV file cannot be read.")) from exc
    return table


def _check_archive(content: bytes):
    """Refuse a workbook that would unpack to far more than it weighs ("zip bomb"), or whose
    sheets hold more than the limits; only then may openpyxl open it.

    openpyxl reads the size of every sheet when it opens a workbook, and where a sheet does
    not declare its size (``<dimension>``) it parses the whole sheet to find out; a row may
    also hold any number of cells. So every sheet is counted here first, element by element,
    and the counting stops at the first limit.
    """
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        members = archive.infolist()
        # zipfile reads no further than the sizes declared here, so they can be trusted.
        if len(members) > MAX_XLSX_MEMBERS or (
            sum(info.file_size for info in members) > MAX_XLSX_UNPACKED_BYTES
        ):
            raise UploadError(_("The Excel workbook is too large."))
        bounds = _Bounds()
        for info in members:
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                with archive.open(info) as source:
                    _count_sheet(source, bounds)


def _count_sheet(source, bounds):
    """Count the rows and cells of one sheet's XML with expat (no tree is built), stopping
    at the first limit."""
    rows_before = bounds.rows
    row_cells = 0

    def start(name, attributes):
        nonlocal row_cells
        local = name.rsplit(" ", 1)[-1]
        if local == "c":
            row_cells += 1
            bounds.cells += 1
            if row_cells > MAX_COLUMNS:
                raise too_many_columns()
            if bounds.cells > MAX_CELLS:
                raise too_many_cells()
        elif local == "row":
            # openpyxl fills a gap before <row r="1000000"> with empty rows: count them.
            number = attributes.get("r", "")
            seen = bounds.rows - rows_before
            gap = int(number) - seen - 1 if number.isdigit() else 0
            for _row in range(1 + min(max(gap, 0), MAX_ROWS + 2)):
                bounds.add(0)
            row_cells = 0
        elif local == "dimension":
            _check_dimension(attributes.get("ref", ""))

    def no_doctype(*args):
        raise UploadError(_("The Excel workbook cannot be read."))

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    # A sheet has no document type; one could only bring entities that expand ("laughs").
    parser.StartDoctypeDeclHandler = no_doctype
    try:
        while chunk := source.read(64 * 1024):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except UploadError:
        raise
    except Exception as exc:  # noqa: BLE001 (broken XML inside a valid archive)
        raise UploadError(_("The Excel workbook cannot be read.")) from exc
    # Each sheet has its own rows; the cells of all sheets count together.
    bounds.rows = rows_before


def _check_dimension(ref):
    """Refuse a sheet whose declared size (``A1:Q5001``) is over the limits."""
    from openpyxl.utils.cell import range_boundaries

    try:
        _min_col, _min_row, columns, rows = range_boundaries(ref)
    except (TypeError, ValueError):
        return  # a broken declaration: the counting judges the sheet
    if columns and columns > MAX_COLUMNS:
        raise too_many_columns()
    if rows and rows > MAX_ROWS + 1:
        raise too_many_rows()
    if rows and columns and rows * columns > MAX_CELLS:
        raise too_many_cells()


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    _check_archive(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors for broken files
        raise UploadError(_("The Excel workbook cannot be read.")) from exc
    try:
        sheet = workbook.worksheets[0]
        bounds = _Bounds()
        table = []
        try:
            for row in sheet.iter_rows(values_only=True):
                bounds.add(len(row))
                table.append([_cell_text(value) for value in row])
        except UploadError:
            raise
        except Exception as exc:  # noqa: BLE001 (broken XML inside a valid archive)
            raise UploadError(_("The Excel workbook cannot be read.")) from exc
        return table
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def unescape_formula(text: str) -> str:
    """Take off the apostrophe the export put in front of a formula-like cell."""
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_PREFIXES:
        return text[1:]
    return text


# Writing ---------------------------------------------------------------------------------


def safe_cell(value) -> str:
    """Return ``value`` as text a spreadsheet will not run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    if text and text.startswith(FORMULA_PREFIXES) and not _PHONE_LIKE.match(text):
        return "'" + text
    return text


def to_csv(header, rows) -> bytes:
    """Return CSV as Excel in Germany reads it: UTF-8 with BOM, ``;`` between cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(header, rows, *, title: str) -> bytes:
    """Return an XLSX workbook with one sheet; every cell is text, never a formula.

    The cells are also made safe as in the CSV: a copy pasted from the sheet into another
    program must not turn into a formula there either.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])

    def text_cell(value):
        cell = WriteOnlyCell(sheet, value=safe_cell(value))
        cell.data_type = "s"
        return cell

    sheet.append([text_cell(column) for column in header])
    for row in rows:
        sheet.append([text_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_response(header, rows, *, file_format: str, filename: str, title: str):
    """Return the download of a table: ``file_format`` "csv" or "xlsx"; ``filename`` without
    its extension."""
    if file_format == "xlsx":
        content, content_type = to_xlsx(header, rows, title=title), XLSX_MIME
    else:
        file_format, content, content_type = "csv", to_csv(header, rows), CSV_MIME
    response = HttpResponse(content, content_type=content_type)
    # Only ASCII letters, digits, "-" and "." reach the header (slugs and dates).
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    response["Cache-Control"] = "no-store"
    return response
