"""Keep SQLite's search index and the catalogue version's triggers after migrations."""

from django.db import connections


def ensure_sqlite_index(using="default", **kwargs):
    """Recreate the SQLite triggers of the search index if a table rebuild dropped them.

    Django's SQLite migrations rebuild a table to alter it, which drops its triggers; this
    runs after every ``migrate`` (post_migrate) and refills the index when it had to.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, type FROM sqlite_master WHERE name IN (%s, %s, %s, %s)",
            ["offers_offer_fts", *SQLITE_TRIGGERS],
        )
        present = {name for name, _type in cursor.fetchall()}
        _ensure_sqlite_version_triggers(cursor)
        if "offers_offer_fts" not in present or present >= set(SQLITE_TRIGGERS):
            return
        for name, sql in SQLITE_TRIGGERS.items():
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(sql)
        cursor.execute("DELETE FROM offers_offer_fts")
        cursor.execute(SQLITE_FILL)


# The same statements as in migration 0003_search_indexes (a migration keeps its own copy).
# ß is stored as ss, so that "Straße" and "Strasse" both find the stem "strass".
SQLITE_TRIGGERS = {
    "offers_offer_fts_insert": """
        CREATE TRIGGER offers_offer_fts_insert AFTER INSERT ON offers_offer BEGIN
            INSERT INTO offers_offer_fts (rowid, title, body) VALUES
            (new.id, replace(new.title, 'ß', 'ss'), replace(new.search_text, 'ß', 'ss'));
        END""",
    "offers_offer_fts_update": """
        CREATE TRIGGER offers_offer_fts_update AFTER UPDATE OF title, search_text ON offers_offer
        BEGIN
            DELETE FROM offers_offer_fts WHERE rowid = old.id;
            INSERT INTO offers_offer_fts (rowid, title, body) VALUES
            (new.id, replace(new.title, 'ß', 'ss'), replace(new.search_text, 'ß', 'ss'));
        END""",
    "offers_offer_fts_delete": """
        CREATE TRIGGER offers_offer_fts_delete AFTER DELETE ON offers_offer BEGIN
            DELETE FROM offers_offer_fts WHERE rowid = old.id;
        END""",
}
SQLITE_FILL = (
    "INSERT INTO offers_offer_fts (rowid, title, body) SELECT id, "
    "replace(title, 'ß', 'ss'), replace(search_text, 'ß', 'ss') FROM offers_offer"
)


def _ensure_sqlite_version_triggers(cursor):
    """Recreate the catalogue version's triggers that a table rebuild dropped."""
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'offers_catalogue_version'"
    )
    if cursor.fetchone() is None:
        return
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    present = {name for (name,) in cursor.fetchall()}
    for name, sql in SQLITE_VERSION_TRIGGERS.items():
        if name not in present:
            cursor.execute(sql)


# The same statements as in migration 0004_catalogue_version.
SQLITE_VERSION_TRIGGERS = {
    f"{table}_catalogue_{event.lower()}": f"""
        CREATE TRIGGER {table}_catalogue_{event.lower()} AFTER {event} ON {table} BEGIN
            UPDATE offers_catalogue_version
            SET version = random(), changed_at = strftime('%Y-%m-%d %H:%M:%f', 'now')
            WHERE id = 1;
        END"""  # noqa: S608 - names of our own tables
    for table in (
        "offers_offer",
        "offers_offerplace",
        "offers_offer_languages",
        "offers_offer_target_groups",
        "offers_category",
    )
    for event in ("INSERT", "UPDATE", "DELETE")
}
