"""Role × action: what each role may do, in its own district and in another one.

The expected table is written out here on purpose: a change to any ``RULES`` table in an
app's ``permissions.py`` must be made a second time here, deliberately.
"""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from knotenpunkt.accounts.models import User
from knotenpunkt.accounts.permissions import can_invite, can_manage_members, can_view_members
from knotenpunkt.accounts.tests.factories import MembershipFactory
from knotenpunkt.core.permissions import has_any_role
from knotenpunkt.core.roles import Role
from knotenpunkt.directory import permissions as directory_permissions
from knotenpunkt.districts.permissions import can_edit_district_settings
from knotenpunkt.downloads import permissions as downloads_permissions
from knotenpunkt.notifications import permissions as notifications_permissions
from knotenpunkt.offers import permissions as offers_permissions
from knotenpunkt.outbox import permissions as outbox_permissions
from knotenpunkt.workspace.permissions import can_view_workspace

ROLE_COLUMNS = (
    Role.DISTRICT_ADMIN,
    Role.DISTRICT_COORDINATOR,
    Role.MUNICIPAL_COORDINATOR,
    Role.INTEGRATION_MANAGER,
    Role.INTEGRATION_TEAM_LEAD,
    Role.PARTNER_EDITOR,
    Role.VOLUNTEER,
)
Y, N = True, False

# Columns: admin = district admin, dco = district coordinator, mco = municipal coordinator,
# mgr = integration manager, lead = integration team lead, part = partner editor,
# vol = volunteer.
# fmt: off
EXPECTED_RULES = {
    #                          admin dco mco mgr lead part vol
    "workspace.view":         (Y,    Y,  Y,  Y,  Y,   Y,   Y),
    "district.edit_settings": (Y,    N,  N,  N,  N,   N,   N),
    "members.view":           (Y,    N,  N,  N,  N,   N,   N),
    "members.invite":         (Y,    N,  N,  N,  N,   N,   N),
    "members.manage":         (Y,    N,  N,  N,  N,   N,   N),
    "directory.view_internal":        (Y, Y, Y, Y, Y, Y, Y),
    "directory.edit_any":             (Y, Y, N, N, N, N, N),
    "directory.edit_own_municipality": (N, N, Y, N, N, N, N),
    "directory.edit_own_organisation": (N, N, N, N, N, Y, N),
    "directory.import_export":        (Y, Y, N, N, N, N, N),
    "directory.view_stale":           (Y, Y, N, N, N, N, N),
    "downloads.manage":               (Y, Y, N, N, N, N, N),
    "offers.edit_any":                (Y, Y, N, N, N, N, N),
    "offers.edit_own_municipality":   (N, N, Y, N, N, N, N),
    "offers.edit_own_organisation":   (N, N, N, N, N, Y, N),
    "offers.review_any":              (Y, Y, N, N, N, N, N),
    "offers.review_own_municipality": (N, N, Y, N, N, N, N),
    "offers.manage_categories":       (Y, Y, N, N, N, N, N),
    "offers.view_overviews":          (Y, Y, Y, N, N, N, N),
    "outbox.view_all":                (Y, N, N, N, N, N, N),
    "outbox.view_own":                (N, Y, Y, N, N, N, N),
    "notifications.view_own":         (Y, Y, Y, Y, Y, Y, Y),
}
# fmt: on

# The function views and services call for each action.
CHECKS = {
    "workspace.view": can_view_workspace,
    "district.edit_settings": can_edit_district_settings,
    "members.view": can_view_members,
    "members.invite": can_invite,
    "members.manage": can_manage_members,
    "directory.view_internal": directory_permissions.can_view_internal,
    "directory.edit_any": directory_permissions.can_edit_any,
    "directory.edit_own_municipality": lambda actor, district: has_any_role(
        actor, district, directory_permissions.RULES["directory.edit_own_municipality"]
    ),
    "directory.edit_own_organisation": lambda actor, district: has_any_role(
        actor, district, directory_permissions.RULES["directory.edit_own_organisation"]
    ),
    "directory.import_export": directory_permissions.can_import_export,
    "directory.view_stale": directory_permissions.can_view_stale,
    "downloads.manage": downloads_permissions.can_manage_downloads,
    "offers.edit_any": offers_permissions.can_edit_any,
    "offers.edit_own_municipality": lambda actor, district: has_any_role(
        actor, district, offers_permissions.RULES["offers.edit_own_municipality"]
    ),
    "offers.edit_own_organisation": lambda actor, district: has_any_role(
        actor, district, offers_permissions.RULES["offers.edit_own_organisation"]
    ),
    "offers.review_any": lambda actor, district: has_any_role(
        actor, district, offers_permissions.RULES["offers.review_any"]
    ),
    "offers.review_own_municipality": lambda actor, district: has_any_role(
        actor, district, offers_permissions.RULES["offers.review_own_municipality"]
    ),
    "offers.manage_categories": offers_permissions.can_manage_categories,
    "offers.view_overviews": offers_permissions.can_view_overviews,
    "outbox.view_all": outbox_permissions.can_view_all_mail,
    "outbox.view_own": outbox_permissions.can_view_own_mail,
    "notifications.view_own": notifications_permissions.can_have_notifications,
}


def _all_rules():
    """Return {action: roles} merged from the RULES table of every app's permissions.py."""
    merged = {}
    for app_config in apps.get_app_configs():
        if not app_config.name.startswith("knotenpunkt."):
            continue
        try:
            module = import_module(f"{app_config.name}.permissions")
        except ModuleNotFoundError:
            continue
        for action, roles in getattr(module, "RULES", {}).items():
            assert action not in merged, f"{action} is defined in two RULES tables"
            merged[action] = roles
    return merged


def test_the_expected_table_covers_every_rules_table():
    assert set(_all_rules()) == set(EXPECTED_RULES) == set(CHECKS)


@pytest.mark.parametrize("action", EXPECTED_RULES)
def test_rules_grant_each_action_to_exactly_the_expected_roles(action):
    allowed = {role for role, yes in zip(ROLE_COLUMNS, EXPECTED_RULES[action], strict=True) if yes}
    assert set(_all_rules()[action]) == allowed


@pytest.mark.parametrize("action", EXPECTED_RULES)
def test_each_role_may_act_in_its_own_district_as_the_table_says_and_never_in_another(
    action, district, other_district, users, other_users
):
    check = CHECKS[action]
    for role, expected in zip(ROLE_COLUMNS, EXPECTED_RULES[action], strict=True):
        assert check(users[role], district) is expected, role
        assert check(users[role], other_district) is False, role
        assert check(other_users[role], district) is False, role


@pytest.mark.parametrize("action", EXPECTED_RULES)
def test_anonymous_visitors_may_do_nothing(action, district):
    assert CHECKS[action](AnonymousUser(), district) is False
    assert CHECKS[action](None, district) is False


@pytest.mark.parametrize("action", EXPECTED_RULES)
def test_a_deactivated_administrator_may_do_nothing(action, district, users):
    User.objects.filter(pk=users[Role.DISTRICT_ADMIN].pk).update(is_active=False)
    deactivated = User.objects.get(pk=users[Role.DISTRICT_ADMIN].pk)

    assert CHECKS[action](deactivated, district) is False


def test_a_person_with_several_roles_may_do_what_any_of_them_allows(district, users):
    volunteer = users[Role.VOLUNTEER]
    MembershipFactory(district=district, user=volunteer, role=Role.DISTRICT_ADMIN)
    volunteer = User.objects.get(pk=volunteer.pk)

    assert can_view_members(volunteer, district) is True
    assert can_edit_district_settings(volunteer, district) is True


def test_without_a_district_nobody_may_do_anything(users):
    for action, check in CHECKS.items():
        assert check(users[Role.DISTRICT_ADMIN], None) is False, action
