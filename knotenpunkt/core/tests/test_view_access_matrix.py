"""Every page under /<district-slug>/, requested by every kind of visitor.

One table says what each visitor gets: anonymous visitors, each role of the district, and
each role of another district. Public pages are open to all. Workspace pages send
anonymous visitors to the login, answer 403 to members without the permission, and 404 to
people from other districts, as if the page did not exist.
"""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import URLResolver, get_resolver, reverse

import knotenpunkt
from knotenpunkt.core.plugins import contributions
from knotenpunkt.core.roles import ROLES_SEEING_CLIENT_DATA, Role

# The role columns of the tables, in this order.
ROLE_COLUMNS = (
    Role.DISTRICT_ADMIN,
    Role.DISTRICT_COORDINATOR,
    Role.MUNICIPAL_COORDINATOR,
    Role.INTEGRATION_MANAGER,
    Role.INTEGRATION_TEAM_LEAD,
    Role.PARTNER_EDITOR,
    Role.VOLUNTEER,
)
# Each app's table (declared as ``view_access`` in its plugin.py) has rows
#   (URL name, kwargs, anon, admin, dco, mco, mgr, lead, part, vol, other)
# 302 is always the redirect to the login page. anon = not logged in; then the roles of the
# own district: admin = district admin, dco = district coordinator, mco = municipal
# coordinator, mgr = integration manager, lead = integration team lead, part = partner
# editor, vol = volunteer; last, other = each role of another district (they all get the
# same answer).


def _table_modules():
    """Return the modules named by the apps' plugins (``AppPlugin.view_access``)."""
    return [
        f"{apps.get_app_config(label).name}.{module}"
        for label, module in contributions("view_access")
    ]


def _all_rows():
    """Return the rows of every app's table.

    In those modules, ``kwargs`` may also be the name of a fixture that returns the URL
    kwargs (for pages of one object); make the fixture visible through ``pytest_plugins``
    in the root conftest.py.
    """
    rows = []
    for name in _table_modules():
        rows.extend(importlib.import_module(name).VIEW_ACCESS)
    return rows


def _cases():
    cases = []
    for url_name, kwargs, anonymous, *own, other in _all_rows():
        cases.append(pytest.param(url_name, kwargs, None, None, anonymous, id=f"{url_name}-anon"))
        for role, expected in zip(ROLE_COLUMNS, own, strict=True):
            cases.append(
                pytest.param(url_name, kwargs, "own", role, expected, id=f"{url_name}-{role}")
            )
        for role in ROLE_COLUMNS:
            cases.append(
                pytest.param(url_name, kwargs, "other", role, other, id=f"{url_name}-other-{role}")
            )
    return cases


@pytest.mark.parametrize(("url_name", "kwargs", "side", "role", "expected"), _cases())
def test_district_page_answers_each_visitor_as_the_table_says(
    client, request, district, mfa_user, url_name, kwargs, side, role, expected
):
    if isinstance(kwargs, str):
        kwargs = request.getfixturevalue(kwargs)
    url = reverse(url_name, kwargs={"district_slug": district.slug, **kwargs})
    if side is not None:
        users = request.getfixturevalue({"own": "users", "other": "other_users"}[side])
        user = users[role]
        if role in ROLES_SEEING_CLIENT_DATA:
            # Without a second factor they would be sent to its set-up (tested in test_mfa).
            mfa_user(user)
        client.force_login(user)

    response = client.get(url)

    assert response.status_code == expected
    if expected == 302:
        assert response["Location"] == f"{reverse('account_login')}?next={url}"


def _district_url_names():
    """Return the names of all URL patterns that start with the district slug."""
    names = set()

    def walk(patterns, route_prefix, namespace):
        for pattern in patterns:
            route = route_prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, route, inner)
            elif pattern.name and route.startswith("<slug:district_slug>/"):
                names.add(namespace + pattern.name)

    walk(get_resolver().url_patterns, "", "")
    return names


def test_the_table_lists_every_page_under_the_district_slug():
    """A new district page must be added to its app's table before its tests pass."""
    assert {row[0] for row in _all_rows()} == _district_url_names()


def test_every_table_module_is_declared_in_its_plugin():
    """A ``tests/view_access*.py`` that no plugin names would never be checked."""
    package_dir = Path(knotenpunkt.__file__).parent
    found = {
        f"knotenpunkt.{path.parent.parent.name}.tests.{path.stem}"
        for path in package_dir.glob("*/tests/view_access*.py")
    }
    assert found == set(_table_modules())
