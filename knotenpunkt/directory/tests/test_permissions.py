"""Who may edit which directory entries."""

import pytest

from knotenpunkt.core.roles import Role
from knotenpunkt.directory.models import Organisation
from knotenpunkt.directory.permissions import (
    can_edit_any,
    can_edit_organisation,
    can_use_directory_workspace,
    can_view_stale,
    editable_organisations,
)
from knotenpunkt.directory.tests.factories import affiliate

from .factories import OrganisationFactory


@pytest.fixture
def entries(district, municipalities, organisation):
    """``organisation`` is seated in the municipal coordinator's municipality; the others not."""
    return {
        "own_municipality": organisation,
        "other_municipality": OrganisationFactory(
            district=district, municipality=municipalities[1]
        ),
        "no_seat": OrganisationFactory(district=district),
    }


def _editable(user, district):
    queryset = Organisation.objects.in_district(district)
    return set(editable_organisations(user, district, queryset))


@pytest.mark.parametrize("role", [Role.DISTRICT_ADMIN, Role.DISTRICT_COORDINATOR])
def test_district_coordinators_edit_every_entry_of_their_district(
    district, users, entries, other_organisation, role
):
    assert _editable(users[role], district) == set(entries.values())
    assert can_edit_any(users[role], district)
    assert can_view_stale(users[role], district)
    assert not can_edit_organisation(users[role], district, other_organisation)


def test_a_municipal_coordinator_edits_the_entries_seated_in_their_municipality(
    district, users, entries
):
    user = users[Role.MUNICIPAL_COORDINATOR]
    assert _editable(user, district) == {entries["own_municipality"]}
    assert can_edit_organisation(user, district, entries["own_municipality"])
    assert not can_edit_organisation(user, district, entries["other_municipality"])
    assert not can_edit_any(user, district)
    assert not can_view_stale(user, district)


def test_a_partner_editor_edits_only_their_own_organisation(district, users, entries):
    user = users[Role.PARTNER_EDITOR]
    assert _editable(user, district) == set()
    affiliate(user, entries["other_municipality"])
    assert _editable(user, district) == {entries["other_municipality"]}
    assert not can_edit_organisation(user, district, entries["own_municipality"])


@pytest.mark.parametrize(
    "role", [Role.INTEGRATION_MANAGER, Role.INTEGRATION_TEAM_LEAD, Role.VOLUNTEER]
)
def test_other_roles_edit_no_entry(district, users, entries, role):
    assert _editable(users[role], district) == set()
    assert not can_use_directory_workspace(users[role], district)


def test_members_of_another_district_edit_nothing_here(district, entries, other_users):
    for user in other_users.values():
        assert _editable(user, district) == set()
