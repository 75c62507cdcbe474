"""Export organisations and contacts as CSV (for Excel) and XLSX, in the import's columns."""

from knotenpunkt.core.spreadsheets import to_csv, to_xlsx  # noqa: F401 (used from here)

from .importing import CONTACT_COLUMNS, ORGANISATION_COLUMNS


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
