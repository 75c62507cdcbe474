"""What of other apps a role can be bound to (``core.plugins.MembershipScope``).

A partner editor edits one organisation of the directory; a volunteer may belong to an
initiative. Memberships and invitations live here, the bindings in the app that owns the
bound thing; this module asks the apps' plugins, so ``accounts`` knows none of them.
"""

from django.core.exceptions import ValidationError

from knotenpunkt.core.plugins import contributions


def membership_scopes():
    """Return every MembershipScope the installed apps declare."""
    return [scope for _label, scope in contributions("membership_scopes")]


def scope_form_fields(district):
    """Return ``{key: form field}`` of every scope, for the invitation and role forms."""
    return {scope.key: scope.form_field(district) for scope in membership_scopes()}


def current_scopes(holder) -> dict:
    """Return ``{key: value}`` of what ``holder`` is bound to now (initial form values)."""
    return {scope.key: scope.current(holder) for scope in membership_scopes()}


def check_required_scopes(role, values) -> None:
    """Raise a ValidationError naming the scopes ``role`` needs but ``values`` lacks."""
    errors = {
        scope.key: scope.required_message
        for scope in membership_scopes()
        if role in scope.required_for and not values.get(scope.key)
    }
    if errors:
        raise ValidationError(errors)


def bind_scopes(holder, role, values) -> None:
    """Bind ``holder`` (a membership or an invitation) as ``values`` say, as far as
    ``role`` takes each scope; a scope the role does not take is unbound."""
    for scope in membership_scopes():
        scope.bind(holder, values.get(scope.key) if role in scope.roles else None)


def carry_over_scopes(invitation, membership) -> None:
    for scope in membership_scopes():
        scope.carry_over(invitation, membership)


def scope_labels(holders) -> dict:
    """Return ``{holder pk: "label, label"}`` for holders of one model."""
    holders = list(holders)
    labels = {}
    if not holders:
        return labels
    for scope in membership_scopes():
        for pk, label in scope.labels(holders).items():
            labels[pk] = f"{labels[pk]}, {label}" if pk in labels else label
    return labels
