"""Lists generated from the directory, always current: never uploaded by hand.

- the municipal coordination points (public ones, with address and public contacts);
- the contacts of the district office, grouped by unit, with deputies (public only).

Each list comes as PDF (WeasyPrint, KERN-like layout) and as CSV.
"""

import logging
import tempfile
from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.db.models import F, Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from knotenpunkt.directory.exporting import to_csv
from knotenpunkt.directory.models import ContactPerson, Organisation, OrganisationType

logger = logging.getLogger(__name__)

FONT_DIR = "vendor/kern/fonts/fira-sans"
FONT_FACES = (("FiraSans-Regular.woff2", 400), ("FiraSans-Bold.woff2", 700))


def coordination_points(district):
    """Return the public coordination points of ``district`` with their public contacts."""
    contacts = ContactPerson.objects.in_district(district).public().order_by("position", "name")
    return (
        Organisation.objects.in_district(district)
        .public()
        .filter(type=OrganisationType.COORDINATION_POINT)
        .select_related("municipality")
        .prefetch_related(Prefetch("contacts", queryset=contacts, to_attr="public_contacts"))
        .order_by(F("municipality__name").asc(nulls_last=True), "name", "pk")
    )


def office_contacts(district):
    """Return the public contacts of the district office, in the order of their units."""
    return (
        ContactPerson.objects.in_district(district)
        .public()
        .filter(organisation__type=OrganisationType.DISTRICT_OFFICE)
        .select_related("unit", "deputy", "deputy__organisation", "organisation")
        .order_by(
            F("unit__position").asc(nulls_last=True),
            F("unit__name").asc(nulls_last=True),
            "position",
            "name",
            "pk",
        )
    )


def public_deputy(contact):
    """Return the contact's deputy if the deputy is public as well, else None."""
    deputy = contact.deputy
    if deputy is None or deputy.district_id != contact.district_id:
        return None
    if not deputy.is_public or not deputy.organisation.is_public:
        return None
    return deputy


def _with_public_deputies(contacts):
    contacts = list(contacts)
    for contact in contacts:
        contact.public_deputy = public_deputy(contact)
    return contacts


def _address(organisation):
    place = " ".join(part for part in (organisation.postal_code, organisation.city) if part)
    return ", ".join(part for part in (organisation.street, place) if part)


def _generated_on():
    return date_format(timezone.localdate(), "DATE_FORMAT")


# ---------------------------------------------------------------------------------- CSV


def coordination_points_csv(district) -> bytes:
    """Return the coordination points as CSV, as German spreadsheets read it."""
    header = [
        _("Municipality"),
        _("Coordination point"),
        _("Address"),
        _("Phone"),
        _("E-mail"),
        _("Website"),
        _("Opening hours"),
        _("Contacts"),
    ]
    rows = []
    for organisation in coordination_points(district):
        contacts = ", ".join(
            " – ".join(
                part
                for part in (contact.name, contact.function, contact.phone, contact.email)
                if part
            )
            for contact in organisation.public_contacts
        )
        rows.append(
            [
                organisation.municipality.name if organisation.municipality else "",
                organisation.name,
                _address(organisation),
                organisation.phone,
                organisation.email,
                organisation.website,
                " ".join(organisation.opening_hours.split()),
                contacts,
            ]
        )
    return to_csv(header, rows)


def office_contacts_csv(district) -> bytes:
    """Return the contacts of the district office as CSV."""
    header = [
        _("Unit"),
        _("Name"),
        _("Function"),
        _("Phone"),
        _("E-mail"),
        _("Office hours"),
        _("Deputy"),
    ]
    rows = []
    for contact in _with_public_deputies(office_contacts(district)):
        deputy = contact.public_deputy
        rows.append(
            [
                contact.unit.name if contact.unit else "",
                contact.name,
                contact.function,
                contact.phone,
                contact.email,
                " ".join(contact.office_hours.split()),
                deputy.name if deputy else "",
            ]
        )
    return to_csv(header, rows)


# ---------------------------------------------------------------------------------- PDF


@cache
def _font_faces():
    """Return @font-face data for Fira Sans from KERN's files, if they are there.

    WeasyPrint would unpack the WOFF2 files again for every PDF (about a second each);
    they are unpacked once per process into a private temporary folder instead.
    """
    faces = []
    folder = None
    for filename, weight in FONT_FACES:
        path = finders.find(f"{FONT_DIR}/{filename}")
        if not path:
            continue
        try:
            from fontTools.ttLib import TTFont

            folder = folder or Path(tempfile.mkdtemp(prefix="knotenpunkt-fonts-"))
            target = folder / Path(filename).with_suffix(".ttf").name
            font = TTFont(path)
            font.flavor = None
            font.save(target)
        except Exception:  # noqa: BLE001 - without the font the PDF falls back to sans-serif
            logger.warning("Could not prepare the font %s for PDFs.", filename, exc_info=True)
            continue
        faces.append({"url": target.resolve().as_uri(), "weight": weight, "format": "truetype"})
    return tuple(faces)


def coordination_points_html(district) -> str:
    return render_to_string(
        "downloads/pdf/coordination_points.html",
        {
            "font_faces": _font_faces(),
            "district": district,
            "generated_on": _generated_on(),
            "organisations": [
                (organisation, _address(organisation))
                for organisation in coordination_points(district)
            ],
        },
    )


def office_contacts_html(district) -> str:
    return render_to_string(
        "downloads/pdf/office_contacts.html",
        {
            "font_faces": _font_faces(),
            "district": district,
            "generated_on": _generated_on(),
            "contacts": _with_public_deputies(office_contacts(district)),
        },
    )


def _write_pdf(html) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # Only our own font files are loaded (file: URLs); nothing from the network.
    fetcher = URLFetcher(allowed_protocols=["file"])
    return HTML(string=html, url_fetcher=fetcher).write_pdf()


def coordination_points_pdf(district) -> bytes:
    """Return the list of municipal coordination points as PDF."""
    return _write_pdf(coordination_points_html(district))


def office_contacts_pdf(district) -> bytes:
    """Return the contact list of the district office as PDF."""
    return _write_pdf(office_contacts_html(district))
