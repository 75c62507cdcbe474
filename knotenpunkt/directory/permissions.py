"""Who may see and change what in the directory.

District coordinators edit everything in their district; municipal coordinators edit the
organisations of their municipality (seat); partner editors edit their own organisation.
"""

from knotenpunkt.accounts.selectors import municipalities_of
from knotenpunkt.core.permissions import has_any_role, roles_of
from knotenpunkt.core.roles import Role

MEMBER_ROLES = frozenset(Role.values)

RULES = {
    # Non-public contacts and entries are visible to every network member of the district.
    "directory.view_internal": MEMBER_ROLES,
    "directory.edit_any": frozenset({Role.DISTRICT_ADMIN, Role.DISTRICT_COORDINATOR}),
    "directory.edit_own_municipality": frozenset({Role.MUNICIPAL_COORDINATOR}),
    "directory.edit_own_organisation": frozenset({Role.PARTNER_EDITOR}),
    "directory.import_export": frozenset({Role.DISTRICT_ADMIN, Role.DISTRICT_COORDINATOR}),
    "directory.view_stale": frozenset({Role.DISTRICT_ADMIN, Role.DISTRICT_COORDINATOR}),
}


def can_view_internal(actor, district) -> bool:
    return has_any_role(actor, district, RULES["directory.view_internal"])


def can_edit_any(actor, district) -> bool:
    return has_any_role(actor, district, RULES["directory.edit_any"])


def can_use_directory_workspace(actor, district) -> bool:
    """Whether the actor edits at least some directory entries."""
    return has_any_role(
        actor,
        district,
        RULES["directory.edit_any"]
        | RULES["directory.edit_own_municipality"]
        | RULES["directory.edit_own_organisation"],
    )


def can_import_export(actor, district) -> bool:
    return has_any_role(actor, district, RULES["directory.import_export"])


def can_view_stale(actor, district) -> bool:
    return has_any_role(actor, district, RULES["directory.view_stale"])


def editable_organisations(actor, district, queryset):
    """Return the part of ``queryset`` (one district's organisations) ``actor`` may edit."""
    from .affiliations import affiliated_organisations

    if can_edit_any(actor, district):
        return queryset
    roles = roles_of(actor, district)
    if not roles:
        return queryset.none()
    allowed = queryset.none()
    if not roles.isdisjoint(RULES["directory.edit_own_municipality"]):
        municipality_ids = municipalities_of(
            user=actor, district=district, roles=RULES["directory.edit_own_municipality"]
        )
        allowed = allowed | queryset.filter(municipality__in=municipality_ids)
    if not roles.isdisjoint(RULES["directory.edit_own_organisation"]):
        organisation_ids = affiliated_organisations(
            user=actor, district=district, roles=RULES["directory.edit_own_organisation"]
        )
        allowed = allowed | queryset.filter(pk__in=organisation_ids)
    return allowed


def can_edit_organisation(actor, district, organisation) -> bool:
    if organisation.district_id != district.pk:
        return False
    if can_edit_any(actor, district):
        return True
    from .models import Organisation

    return (
        editable_organisations(actor, district, Organisation.objects.in_district(district))
        .filter(pk=organisation.pk)
        .exists()
    )
