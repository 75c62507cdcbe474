"""Upgrading an installation: memberships move from districts to accounts with their rows,
and each partner editor's organisation becomes a directory.Affiliation."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("accounts", "0003_invitation_organisation"),
    ("districts", "0004_offer_settings"),
    ("directory", "0003_search_indexes_postgresql"),
]
AFTER = [
    ("accounts", "0006_user_language"),
    ("districts", "0005_membership_moved_to_accounts"),
    ("directory", "0005_affiliations_from_memberships"),
]


@pytest.mark.django_db(transaction=True)
def test_memberships_and_their_organisations_survive_the_move():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    district = old.get_model("districts", "District").objects.create(
        name="Landkreis Alt", slug="alt", official_key="97001"
    )
    user = old.get_model("accounts", "User").objects.create(email="p@example.org")
    organisation = old.get_model("directory", "Organisation").objects.create(
        district=district, name="Verein", type="other"
    )
    old.get_model("districts", "Membership").objects.create(
        district=district, user=user, role="partner_editor", organisation=organisation
    )
    old.get_model("accounts", "Invitation").objects.create(
        district=district,
        email="q@example.org",
        role="partner_editor",
        organisation=organisation,
        token_hash="x" * 64,
        expires_at="2099-01-01T00:00:00Z",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps

    membership = new.get_model("accounts", "Membership").objects.get()
    assert (membership.user_id, membership.role) == (user.pk, "partner_editor")
    affiliations = new.get_model("directory", "Affiliation").objects.order_by("pk")
    assert [(a.membership_id, a.invitation_id is not None) for a in affiliations] == [
        (membership.pk, False),
        (None, True),
    ]
    assert {a.organisation_id for a in affiliations} == {organisation.pk}
    assert "accounts_membership" in connection.introspection.table_names()

    MigrationExecutor(connection).migrate(
        [(app, name) for app, name in MigrationExecutor(connection).loader.graph.leaf_nodes()]
    )
