"""The membership model moves from ``districts`` to ``accounts``, where invitations, the
members' pages and their rules already live (one app for membership).

The table is kept and renamed: the state of ``accounts`` gains the model on the old table
(``districts`` drops it from its state in its migration 0005), then the table takes the
name ``accounts_membership``. No row is copied.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_invitation_organisation"),
        ("directory", "0003_search_indexes_postgresql"),
        ("districts", "0004_offer_settings"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Membership",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("role", models.CharField(choices=[("district_admin", "District administrator"), ("district_coordinator", "District coordinator"), ("municipal_coordinator", "Municipal coordinator"), ("integration_manager", "Integration manager"), ("integration_team_lead", "Integration team lead"), ("partner_editor", "Partner editor"), ("volunteer", "Volunteer")], max_length=40, verbose_name="role")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="member since")),
                        ("district", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="districts.district", verbose_name="district")),
                        ("municipality", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="memberships", to="districts.municipality", verbose_name="municipality")),
                        ("organisation", models.ForeignKey(blank=True, help_text="Only for partner editors: the organisation they edit.", null=True, on_delete=django.db.models.deletion.CASCADE, related_name="memberships", to="directory.organisation", verbose_name="organisation")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="memberships", to=settings.AUTH_USER_MODEL, verbose_name="person")),
                    ],
                    options={
                        "verbose_name": "membership",
                        "verbose_name_plural": "memberships",
                        "db_table": "districts_membership",
                        "constraints": [models.UniqueConstraint(fields=("district", "user", "role"), name="membership_unique_role"), models.CheckConstraint(condition=models.Q(models.Q(("role__in", ["municipal_coordinator"]), _negated=True), ("municipality__isnull", False), _connector="OR"), name="membership_municipal_role_has_municipality")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="membership", table=None),
    ]
