"""The collation ``kp_german`` on PostgreSQL (ADR 0019); SQLite gets it per connection."""

from django.db import migrations

CREATE = "CREATE COLLATION IF NOT EXISTS kp_german (provider = icu, locale = 'de')"
DROP = "DROP COLLATION IF EXISTS kp_german"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_worker_heartbeat_and_scheduled_job")]

    operations = [migrations.RunPython(create, drop)]
