"""The organisation a member acts for (``Affiliation``), as the kernel's membership scope.

``accounts`` keeps memberships and invitations; it binds them to an organisation through
the functions below, which the directory's plugin declares as a ``MembershipScope``. The
permissions of the directory and the offers ask ``affiliated_organisations``.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knotenpunkt.core.collation import german
from knotenpunkt.core.forms import DistrictModelChoiceField
from knotenpunkt.core.roles import Role

from .models import Affiliation, Organisation

# Roles that act for an organisation, and those that must.
AFFILIATED_ROLES = frozenset({Role.PARTNER_EDITOR, Role.VOLUNTEER})
ROLES_NEEDING_AN_ORGANISATION = frozenset({Role.PARTNER_EDITOR})


def organisation_field(district):
    return DistrictModelChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=Organisation.objects.in_district(district).order_by(german("name"), "pk"),
        required=False,
        help_text=gettext_lazy(
            "For partner editors: the directory entry they edit. For volunteers (optional): "
            "their initiative."
        ),
    )


def _holder_field(holder):
    return "invitation" if holder._meta.model_name == "invitation" else "membership"


def bind(holder, organisation) -> None:
    """Bind a membership or an invitation to ``organisation`` (None: unbind)."""
    field = _holder_field(holder)
    if organisation is None:
        Affiliation.objects.filter(**{field: holder}).delete()
        return
    if organisation.district_id != holder.district_id:
        raise ValidationError({"organisation": _("The organisation belongs to another district.")})
    Affiliation.objects.update_or_create(
        **{field: holder},
        defaults={"district_id": holder.district_id, "organisation": organisation},
    )


def carry_over(invitation, membership) -> None:
    """The organisation of an accepted invitation becomes the membership's."""
    affiliation = Affiliation.objects.filter(invitation=invitation).first()
    if affiliation is None:
        return
    Affiliation.objects.filter(membership=membership).exclude(pk=affiliation.pk).delete()
    affiliation.invitation = None
    affiliation.membership = membership
    affiliation.full_clean()
    affiliation.save(update_fields=["invitation", "membership"])


def current(holder):
    """Return the organisation a membership or an invitation is bound to, or None."""
    affiliation = (
        Affiliation.objects.filter(**{_holder_field(holder): holder})
        .select_related("organisation")
        .first()
    )
    return affiliation.organisation if affiliation else None


def labels(holders) -> dict:
    """Return ``{holder pk: organisation name}`` for holders of one model (one query)."""
    field = _holder_field(holders[0])
    rows = Affiliation.objects.filter(**{f"{field}__in": holders}).values_list(
        f"{field}_id", "organisation__name"
    )
    return dict(rows)


def affiliated_organisations(*, user, district, roles):
    """Return the ids (a subquery) of the organisations ``user`` acts for in one of ``roles``."""
    return (
        Affiliation.objects.in_district(district)
        .filter(membership__user=user, membership__role__in=roles)
        .values("organisation")
    )


def affiliated_people(*, organisation, roles):
    """Return the active users who act for ``organisation`` in one of ``roles``."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__affiliation__organisation=organisation,
            memberships__role__in=roles,
        )
        .distinct()
    )


def organisation_of(*, user, district, role):
    """Return the organisation ``user`` acts for in ``role``, or None."""
    affiliation = (
        Affiliation.objects.in_district(district)
        .filter(membership__user=user, membership__role=role)
        .select_related("organisation")
        .first()
    )
    return affiliation.organisation if affiliation else None
