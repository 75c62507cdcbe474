"""State changes of districts and memberships."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from knotenpunkt.core.lifecycle.changes import KEEP, Audit, Editable, apply_changes, save_changed

from .models import District
from .permissions import can_edit_district_settings

EDITABLE_SETTINGS = (
    "name",
    "office_name",
    "office_street",
    "office_postal_code",
    "office_city",
    "office_phone",
    "office_email",
    "office_website",
    "logo",
    "imprint_text",
    "privacy_text",
    "accessibility_text",
    "directory_review_months",
    "offer_review_months",
    "offer_coverage_public",
)


def _logo(value):
    # As in FileField.save_form_data: None keeps the file, False removes it.
    return KEEP if value is None else value or ""


SETTINGS_EDIT = Editable(
    fields=EDITABLE_SETTINGS,
    normalise={"logo": _logo},
    # The audit log keeps no file names.
    describe={"logo": lambda value: "(file)"},
)


@transaction.atomic
def district_update_settings(
    *, actor, district: District, fingerprint: str | None = None, **values
) -> District:
    """Change the district's contact data, logo and legal texts.

    With the ``fingerprint`` the settings form showed, refuse (``StaleEdit``) if the
    settings changed since.
    """
    if not can_edit_district_settings(actor, district):
        raise PermissionDenied
    apply_changes(
        instance=district,
        values=values,
        editable=SETTINGS_EDIT,
        district=district,
        fingerprint=fingerprint,
        save=save_changed,
        audit=Audit(actor=actor, action="district.settings_updated"),
    )
    return district
