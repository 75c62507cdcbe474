"""Trigram indexes for the directory's text search on PostgreSQL.

The search filters with ``icontains``, which PostgreSQL runs as ``UPPER(column) LIKE
'%TEXT%'``: without these indexes a scan of every organisation of the district. SQLite
has no such index type; there the scan stays (fast enough for a district's directory).
"""

from django.db import migrations

COLUMNS = ("name", "description", "city")


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS directory_organisation_{column}_trgm "
            f"ON directory_organisation USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS directory_organisation_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_reference_lists")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
