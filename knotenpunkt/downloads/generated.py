"""Lists generated from the directory, always current: never uploaded by hand.

- the municipal coordination points (public ones, with address and public contacts);
- the contacts of the district office, grouped by unit, with deputies (public only).

Each list comes as PDF (WeasyPrint, KERN-like layout) and as CSV.
"""

import hashlib
import logging
import os
import tempfile
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db.models import F, Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from knotenpunkt.core.collation import german
from knotenpunkt.core.spreadsheets import to_csv
from knotenpunkt.directory.models import ContactPerson, Organisation, OrganisationType

logger = logging.getLogger(__name__)

FONT_DIR = "vendor/kern/fonts/fira-sans"
PDF_VARIANT = "pdf/ua-1"
FONT_FACES = (("FiraSans-Regular.woff2", 400), ("FiraSans-Bold.woff2", 700))


def coordination_points(district):
    """Return the public coordination points of ``district`` with their public contacts."""
    contacts = (
        ContactPerson.objects.in_district(district).public().order_by("position", german("name"))
    )
    return (
        Organisation.objects.in_district(district)
        .public()
        .filter(type=OrganisationType.COORDINATION_POINT)
        .select_related("municipality")
        .prefetch_related(Prefetch("contacts", queryset=contacts, to_attr="public_contacts"))
        .order_by(german("municipality__name", nulls_last=True), german("name"), "pk")
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


def _isolated(value):
    """Return ``value`` as a bidi isolate: "07999 123-45" keeps its order in an RTL line."""
    return f"\u2068{value}\u2069" if value else ""


def _pdf_line(*parts, separator=" · "):
    return separator.join(_isolated(part) for part in parts if part)


def _with_pdf_lines(organisations):
    """Join each coordination point's facts into the few lines of text the PDF prints.

    One plain paragraph per line, without inline markup, is what WeasyPrint lays out fastest.
    """
    organisations = list(organisations)
    for organisation in organisations:
        phone = f"{_('Phone')} {_isolated(organisation.phone)}" if organisation.phone else ""
        organisation.reach_line = _pdf_line(_address(organisation), phone, organisation.email)
        hours = _pdf_line(*organisation.opening_hours.splitlines(), separator="; ")
        organisation.opening_hours_line = f"{_('Opening hours')}: {hours}" if hours else ""
        for contact in organisation.public_contacts:
            name = _pdf_line(contact.name, contact.function, separator=", ")
            contact.pdf_line = _pdf_line(name, contact.phone, contact.email)
    return organisations


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


def _ttf_font(source: Path) -> Path:
    """Return a TrueType copy of the WOFF2 file ``source``, converted once and kept on disk.

    WeasyPrint would unpack the WOFF2 file again for every PDF, and converting it takes
    seconds; the copy in ``VAR_DIR/fonts`` is named after the source's content, so a new
    KERN release gives a new file and every process after the first one finds it ready.
    """
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    name = f"{source.stem}-{digest}.ttf"
    for folder in (Path(settings.VAR_DIR) / "fonts", _private_font_folder()):
        target = folder / name
        if target.is_file():
            return target
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _convert_to_ttf(source, target)
        except OSError:
            logger.info("Cannot keep the font %s in %s.", name, folder, exc_info=True)
            continue
        return target
    raise OSError(f"No folder to keep the font {name} in.")


@cache
def _private_font_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="knotenpunkt-fonts-"))


def _convert_to_ttf(source: Path, target: Path):
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    font.flavor = None
    # Write beside the target and rename: a process that finds the file finds all of it.
    part = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        font.save(part)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)


@cache
def _font_faces():
    """Return @font-face data for Fira Sans from KERN's files, if they are there."""
    faces = []
    for filename, weight in FONT_FACES:
        path = finders.find(f"{FONT_DIR}/{filename}")
        if not path:
            continue
        try:
            target = _ttf_font(Path(path))
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
            "organisations": _with_pdf_lines(coordination_points(district)),
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
    # Tagged and accessible (PDF/UA-1), as BITV asks of the documents an authority
    # publishes: a structure tree from the HTML's headings, lists and tables, the language
    # from <html lang>, the title from <title>, shown as the window's title.
    return HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant=PDF_VARIANT)


def coordination_points_pdf(district) -> bytes:
    """Return the list of municipal coordination points as PDF."""
    return _write_pdf(coordination_points_html(district))


def office_contacts_pdf(district) -> bytes:
    """Return the contact list of the district office as PDF."""
    return _write_pdf(office_contacts_html(district))
