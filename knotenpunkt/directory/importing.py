"""Import organisations and contacts from CSV or XLSX: read, validate every row, commit.

Two kinds of file, each with the columns of ``COLUMNS[kind]`` in its first row (the order
does not matter; the export writes the same columns, so an export can be imported again):

- ``organisations``: one organisation per row;
- ``contacts``: one contact person per row; ``organisation`` names an organisation that
  already exists in the district (import the organisations first).

Lists inside a cell (languages, topics, municipalities served) are separated by commas.
Nothing here trusts a value it did not check itself: ``validate_rows`` runs again right
before the commit, inside the same transaction.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knotenpunkt.core import spreadsheets
from knotenpunkt.core.spreadsheets import (  # noqa: F401 (the directory's names for them)
    FORMULA_PREFIXES,
    MAX_ROWS,
    UploadError,
    is_xlsx,
    unescape_formula,
)
from knotenpunkt.core.uploads import max_upload_bytes
from knotenpunkt.districts.models import Municipality

from .models import ContactPerson, Organisation, OrganisationType, SpokenLanguage, Topic
from .services import contact_create, organisation_create

ORGANISATIONS = "organisations"
CONTACTS = "contacts"
KIND_CHOICES = [
    (ORGANISATIONS, gettext_lazy("Organisations")),
    (CONTACTS, gettext_lazy("Contact persons")),
]

ORGANISATION_COLUMNS = (
    "name",
    "type",
    "municipality",
    "street",
    "postal_code",
    "city",
    "phone",
    "fax",
    "email",
    "website",
    "opening_hours",
    "description",
    "languages",
    "topics",
    "municipalities_served",
    "whole_district",
    "public",
)
CONTACT_COLUMNS = (
    "organisation",
    "name",
    "function",
    "phone",
    "fax",
    "email",
    "office_hours",
    "languages",
    "public",
)
COLUMNS = {ORGANISATIONS: ORGANISATION_COLUMNS, CONTACTS: CONTACT_COLUMNS}
REQUIRED_COLUMNS = {ORGANISATIONS: ("name", "type"), CONTACTS: ("organisation", "name")}


# Model field → import column, to put a full_clean() error on the right column.
_ORGANISATION_FIELD_COLUMNS = {
    "serves_whole_district": "whole_district",
    "is_public": "public",
    "municipalities": "municipalities_served",
}
_CONTACT_FIELD_COLUMNS = {"is_public": "public", "office_hours": "office_hours"}
_YES = {"ja", "j", "yes", "y", "1", "true", "wahr", "x"}
_NO = {"nein", "n", "no", "0", "false", "falsch"}


@dataclass
class RowError:
    line: int
    column: str
    message: str


@dataclass
class ImportReport:
    kind: str
    rows: list = field(default_factory=list)  # [(line, {column: text})] that are valid
    errors: list = field(default_factory=list)  # [RowError]
    total: int = 0

    @property
    def is_valid(self):
        return not self.errors and self.total > 0


class ImportInvalid(Exception):
    def __init__(self, report):
        super().__init__("import has errors")
        self.report = report


# Reading ---------------------------------------------------------------------------------


def read_table(content: bytes) -> list[list[str]]:
    """Return the cells of the first sheet (XLSX) or of the CSV text, within the limits."""
    return spreadsheets.read_table(content, max_bytes=max_upload_bytes())


def table_rows(kind: str, table: list[list[str]]) -> list[tuple[int, dict]]:
    """Return ``[(line number, {column: text})]`` for the non-empty rows under the header."""
    columns = COLUMNS[kind]
    if not table:
        raise UploadError(_("The file is empty."))
    header = [cell.strip().lower().replace(" ", "_") for cell in table[0]]
    missing = [column for column in REQUIRED_COLUMNS[kind] if column not in header]
    if missing:
        raise UploadError(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    positions = {column: header.index(column) for column in columns if column in header}
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = {}
        for column, position in positions.items():
            text = cells[position] if position < len(cells) else ""
            values[column] = unescape_formula(text)
        rows.append((line, values))
    if len(rows) > MAX_ROWS:
        raise UploadError(
            _("The file has more than %(count)s rows; split it into smaller files.")
            % {"count": MAX_ROWS}
        )
    if not rows:
        raise UploadError(_("The file contains no rows below the header."))
    return rows


# Validating ------------------------------------------------------------------------------


class _Lookups:
    """The district's municipalities, the reference lists and the existing names, loaded once."""

    def __init__(self, district):
        self.municipalities = {}
        for municipality in Municipality.objects.in_district(district):
            self.municipalities[municipality.official_key] = municipality
            self.municipalities[municipality.name.casefold()] = municipality
        self.languages = {language.code: language for language in SpokenLanguage.objects.all()}
        self.topics = {topic.code: topic for topic in Topic.objects.all()}
        self.types = {}
        # Files come from German and English spreadsheets: accept the code and both labels.
        for language in ("de", "en"):
            with translation.override(language):
                for value, label in OrganisationType.choices:
                    self.types[value] = value
                    self.types[str(label).casefold()] = value
        self.organisations = {}
        for organisation in Organisation.objects.in_district(district).only("pk", "name"):
            self.organisations.setdefault(organisation.name.casefold(), []).append(organisation)


def _split(text):
    return [item.strip() for item in text.split(",") if item.strip()]


def _flag(text, default):
    value = text.strip().casefold()
    if not value:
        return default
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise ValueError


def _codes(text, known, column, errors, line):
    found = []
    for code in _split(text):
        if code.lower() in known:
            found.append(known[code.lower()])
        else:
            errors.append(RowError(line, column, _("Unknown code “%(code)s”.") % {"code": code}))
    return found


def _municipality(text, lookups, column, errors, line):
    municipality = lookups.municipalities.get(text) or lookups.municipalities.get(text.casefold())
    if municipality is None:
        errors.append(
            RowError(
                line,
                column,
                _("No municipality of this district has the name or key “%(value)s”.")
                % {"value": text},
            )
        )
    return municipality


def _clean_errors(instance, line, field_columns, errors, exclude=()):
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False)
    except ValidationError as exc:
        for field_name, messages in exc.message_dict.items():
            column = field_columns.get(field_name, field_name)
            if field_name == "__all__":
                column = ""
            for message in messages:
                errors.append(RowError(line, column, message))


def _organisation_values(line, row, lookups, district, errors, seen_names):
    values = {}
    for column in ("name", "street", "postal_code", "city", "phone", "fax", "email", "website"):
        values[column] = row.get(column, "")
    values["opening_hours"] = row.get("opening_hours", "")
    values["description"] = row.get("description", "")
    type_text = row.get("type", "")
    values["type"] = lookups.types.get(type_text) or lookups.types.get(type_text.casefold(), "")
    if type_text and not values["type"]:
        errors.append(
            RowError(
                line, "type", _("Unknown organisation type “%(value)s”.") % {"value": type_text}
            )
        )
    values["municipality"] = None
    if row.get("municipality"):
        values["municipality"] = _municipality(
            row["municipality"], lookups, "municipality", errors, line
        )
    values["languages"] = _codes(
        row.get("languages", ""), lookups.languages, "languages", errors, line
    )
    values["topics"] = _codes(row.get("topics", ""), lookups.topics, "topics", errors, line)
    served = []
    for item in _split(row.get("municipalities_served", "")):
        municipality = _municipality(item, lookups, "municipalities_served", errors, line)
        if municipality is not None:
            served.append(municipality)
    values["municipalities"] = served
    for column, model_field, default in (
        ("whole_district", "serves_whole_district", False),
        ("public", "is_public", True),
    ):
        try:
            values[model_field] = _flag(row.get(column, ""), default)
        except ValueError:
            errors.append(RowError(line, column, _("Enter “ja” or “nein”.")))
            values[model_field] = default
    name_key = values["name"].casefold()
    if name_key and name_key in seen_names:
        errors.append(
            RowError(
                line,
                "name",
                _("The name appears already in line %(line)s of this file.")
                % {"line": seen_names[name_key]},
            )
        )
    elif name_key in lookups.organisations:
        errors.append(RowError(line, "name", _("An organisation with this name exists already.")))
    seen_names.setdefault(name_key, line)
    instance = Organisation(
        district=district,
        **{
            key: value
            for key, value in values.items()
            if key not in ("languages", "topics", "municipalities")
        },
    )
    exclude = ["speaker"] + (["type"] if type_text and not values["type"] else [])
    _clean_errors(instance, line, _ORGANISATION_FIELD_COLUMNS, errors, exclude=exclude)
    return values


def _contact_values(line, row, lookups, district, errors):
    values = {
        column: row.get(column, "")
        for column in ("name", "function", "phone", "fax", "email", "office_hours")
    }
    organisation = None
    organisation_name = row.get("organisation", "")
    matches = lookups.organisations.get(organisation_name.casefold(), [])
    if len(matches) == 1:
        organisation = matches[0]
    elif len(matches) > 1:
        errors.append(
            RowError(
                line,
                "organisation",
                _("Several organisations are called “%(name)s”; rename one first.")
                % {"name": organisation_name},
            )
        )
    elif organisation_name:
        errors.append(
            RowError(
                line,
                "organisation",
                _("No organisation of this district is called “%(name)s”.")
                % {"name": organisation_name},
            )
        )
    else:
        errors.append(RowError(line, "organisation", _("This field cannot be blank.")))
    values["languages"] = _codes(
        row.get("languages", ""), lookups.languages, "languages", errors, line
    )
    try:
        values["is_public"] = _flag(row.get("public", ""), False)
    except ValueError:
        errors.append(RowError(line, "public", _("Enter “ja” or “nein”.")))
        values["is_public"] = False
    instance = ContactPerson(
        district=district,
        organisation=organisation,
        **{key: value for key, value in values.items() if key != "languages"},
    )
    exclude = ["unit", "deputy"] + ([] if organisation else ["organisation"])
    _clean_errors(instance, line, _CONTACT_FIELD_COLUMNS, errors, exclude=exclude)
    values["organisation"] = organisation
    return values


def _resolve(kind, rows, district):
    """Return ``(errors, [(line, service values)])`` for the raw ``rows``."""
    lookups = _Lookups(district)
    errors = []
    resolved = []
    seen_names = {}
    for line, row in rows:
        if kind == ORGANISATIONS:
            values = _organisation_values(line, row, lookups, district, errors, seen_names)
        else:
            values = _contact_values(line, row, lookups, district, errors)
        resolved.append((line, values))
    return errors, resolved


def validate_rows(kind: str, rows: list, district) -> ImportReport:
    """Check every row; return the report with every error (line, column, reason)."""
    if kind not in COLUMNS:
        raise ValueError(kind)
    errors, _resolved = _resolve(kind, rows, district)
    bad_lines = {error.line for error in errors}
    return ImportReport(
        kind=kind,
        rows=[(line, row) for line, row in rows if line not in bad_lines],
        errors=errors,
        total=len(rows),
    )


@transaction.atomic
def import_rows(*, actor, district, kind: str, rows: list) -> int:
    """Create every row through the services, or nothing; return how many were created.

    The rows are validated again here, so that data changed since the preview (or a
    tampered session) cannot slip through; any error rolls the whole import back.
    """
    errors, resolved = _resolve(kind, rows, district)
    if errors or not resolved:
        raise ImportInvalid(validate_rows(kind, rows, district))
    for _line, values in resolved:
        if kind == ORGANISATIONS:
            organisation_create(actor=actor, district=district, **values)
        else:
            organisation = values.pop("organisation")
            contact_create(actor=actor, district=district, organisation=organisation, **values)
    return len(resolved)
