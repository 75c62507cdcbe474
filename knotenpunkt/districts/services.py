"""State changes of districts and memberships."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from knotenpunkt.core.audit import record_change

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


@transaction.atomic
def district_update_settings(*, actor, district: District, **values) -> District:
    """Change the district's contact data, logo and legal texts."""
    if not can_edit_district_settings(actor, district):
        raise PermissionDenied
    unknown = set(values) - set(EDITABLE_SETTINGS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    changed = {}
    for field, value in values.items():
        if field == "logo":
            # As in FileField.save_form_data: None keeps the file, False removes it.
            if value is None:
                continue
            value = value or ""
        if getattr(district, field) != value:
            changed[field] = str(value)[:200] if field != "logo" else "(file)"
            setattr(district, field, value)
    if not changed:
        return district
    district.full_clean()
    district.save(update_fields=list(changed))
    record_change(
        actor=actor,
        district=district,
        action="district.settings_updated",
        target=district,
        changes=changed,
    )
    return district
