"""Who may see, change, review and publish offers.

Partner editors write their own organisation's offers; municipal coordinators write and
review the offers of organisations seated in their municipality; district coordinators
write and review every offer of the district. Nobody publishes without the review right,
and the services check again, so that the API and commands cannot bypass the views.
"""

from knotenpunkt.accounts.selectors import municipalities_of
from knotenpunkt.core.permissions import has_any_role, roles_of
from knotenpunkt.core.roles import Role

DISTRICT_STAFF = frozenset({Role.DISTRICT_ADMIN, Role.DISTRICT_COORDINATOR})

RULES = {
    "offers.edit_any": DISTRICT_STAFF,
    "offers.edit_own_municipality": frozenset({Role.MUNICIPAL_COORDINATOR}),
    "offers.edit_own_organisation": frozenset({Role.PARTNER_EDITOR}),
    "offers.review_any": DISTRICT_STAFF,
    "offers.review_own_municipality": frozenset({Role.MUNICIPAL_COORDINATOR}),
    "offers.manage_categories": DISTRICT_STAFF,
    # Planners: the coverage matrix, the stale list and the translation overview.
    "offers.view_overviews": DISTRICT_STAFF | frozenset({Role.MUNICIPAL_COORDINATOR}),
}


def can_edit_any(actor, district) -> bool:
    return has_any_role(actor, district, RULES["offers.edit_any"])


def can_use_offer_workspace(actor, district) -> bool:
    """Whether the actor writes at least some offers."""
    return has_any_role(
        actor,
        district,
        RULES["offers.edit_any"]
        | RULES["offers.edit_own_municipality"]
        | RULES["offers.edit_own_organisation"],
    )


def can_review_some(actor, district) -> bool:
    return has_any_role(
        actor, district, RULES["offers.review_any"] | RULES["offers.review_own_municipality"]
    )


def can_open_offer_workspace(actor, district) -> bool:
    """Whether the actor writes or reviews some offers (the navigation shows the same)."""
    return can_use_offer_workspace(actor, district) or can_review_some(actor, district)


def can_manage_categories(actor, district) -> bool:
    return has_any_role(actor, district, RULES["offers.manage_categories"])


def can_view_overviews(actor, district) -> bool:
    return has_any_role(actor, district, RULES["offers.view_overviews"])


def _own(actor, district, queryset, municipality_rule, organisation_rule):
    """The offers of ``queryset`` whose provider is the actor's organisation or is seated
    in the actor's municipality, as far as the actor's roles reach."""
    from knotenpunkt.directory.affiliations import affiliated_organisations

    roles = roles_of(actor, district)
    allowed = queryset.none()
    if not roles:
        return allowed
    if municipality_rule and not roles.isdisjoint(RULES[municipality_rule]):
        municipalities = municipalities_of(
            user=actor, district=district, roles=RULES[municipality_rule]
        )
        allowed = allowed | queryset.filter(provider__municipality__in=municipalities)
    if organisation_rule and not roles.isdisjoint(RULES[organisation_rule]):
        organisations = affiliated_organisations(
            user=actor, district=district, roles=RULES[organisation_rule]
        )
        allowed = allowed | queryset.filter(provider__in=organisations)
    return allowed


def editable_offers(actor, district, queryset):
    """Return the part of ``queryset`` (one district's offers) ``actor`` may edit."""
    if can_edit_any(actor, district):
        return queryset
    return _own(
        actor,
        district,
        queryset,
        "offers.edit_own_municipality",
        "offers.edit_own_organisation",
    )


def reviewable_offers(actor, district, queryset):
    """Return the part of ``queryset`` ``actor`` may review, publish and archive."""
    if has_any_role(actor, district, RULES["offers.review_any"]):
        return queryset
    return _own(actor, district, queryset, "offers.review_own_municipality", None)


def editable_providers(actor, district, queryset):
    """Return the organisations (of ``queryset``) for which ``actor`` may create offers."""
    from knotenpunkt.directory.permissions import editable_organisations

    if can_edit_any(actor, district):
        return queryset
    # The same reach as in the directory: own municipality (seat), own organisation.
    return editable_organisations(actor, district, queryset)


def _contains(queryset_function, actor, district, offer) -> bool:
    from .models import Offer

    if offer.district_id != district.pk:
        return False
    scope = queryset_function(actor, district, Offer.objects.in_district(district))
    return scope.filter(pk=offer.pk).exists()


def can_edit_offer(actor, district, offer) -> bool:
    return _contains(editable_offers, actor, district, offer)


def can_review_offer(actor, district, offer) -> bool:
    return _contains(reviewable_offers, actor, district, offer)
