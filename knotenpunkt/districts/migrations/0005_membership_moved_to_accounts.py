"""The membership model now lives in ``accounts`` (its migration 0004 took over the table)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("districts", "0004_offer_settings"),
        ("accounts", "0004_membership_moved_from_districts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Membership")],
            database_operations=[],
        ),
    ]
