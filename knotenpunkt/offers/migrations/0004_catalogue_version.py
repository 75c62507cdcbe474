"""The catalogue version and a leaner offers row for the search (see knotenpunkt/offers/search.py).

- ``offers_catalogue_version``: one row whose ``version`` changes (to a new random number)
  with every statement that writes offers, their places, languages, target groups or the
  categories, and ``changed_at`` with it. Triggers set it, so that no writer (services,
  admin, generator, demo, factories) can forget it; the search caches its results under
  the version, so a cached result is never stale. A random number rather than a counter,
  because a rolled-back transaction sets the counter back and a later change would
  reuse a number for other data.
- PostgreSQL: a small ``head_vector`` (title weighted A, summary B) kept in the row, to
  rank matches by where they match without reading the whole ``search_vector``. The long
  columns (the vector, the search text, the description) are stored out of the row
  (``toast_tuple_target``), title and summary always in it: reading the matches of a broad
  word then touches about 8,000 pages instead of 20,000 at 100,000 offers, and sorting by
  name reads no TOAST. (A narrow table of its own for the vector does not help: rows under
  2 kB are never toasted, so its vectors would stay in its pages.) Rows written before
  this migration keep their layout until ``VACUUM FULL offers_offer``.

Neither is a model: ``makemigrations`` does not know them, and only search.py reads them.
"""

from django.db import migrations

TABLES = (
    "offers_offer",
    "offers_offerplace",
    "offers_offer_languages",
    "offers_offer_target_groups",
    "offers_category",
)

POSTGRES_FORWARD = [
    """
    CREATE TABLE offers_catalogue_version (
        id smallint PRIMARY KEY,
        version bigint NOT NULL,
        changed_at timestamp with time zone NOT NULL
    )
    """,
    "INSERT INTO offers_catalogue_version VALUES (1, 1, now())",
    """
    CREATE FUNCTION offers_catalogue_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE offers_catalogue_version
        SET version = floor(random() * 9e18)::bigint, changed_at = clock_timestamp()
        WHERE id = 1;
        RETURN NULL;
    END
    $$
    """,
    *(
        f"""
        CREATE TRIGGER {table}_catalogue_changed
        AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
        FOR EACH STATEMENT EXECUTE FUNCTION offers_catalogue_changed()
        """
        for table in TABLES
    ),
    "ALTER TABLE offers_offer ADD COLUMN head_vector tsvector",
    "ALTER TABLE offers_offer ALTER COLUMN head_vector SET STORAGE MAIN",
    # Title and summary stay in the row: sorting by name must not fetch them one by one.
    "ALTER TABLE offers_offer ALTER COLUMN title SET STORAGE PLAIN",
    "ALTER TABLE offers_offer ALTER COLUMN summary SET STORAGE PLAIN",
    # The long columns go out of it, down to 128 bytes once a row is toasted at all.
    "ALTER TABLE offers_offer ALTER COLUMN search_vector SET STORAGE EXTERNAL",
    "ALTER TABLE offers_offer ALTER COLUMN search_text SET STORAGE EXTERNAL",
    "ALTER TABLE offers_offer ALTER COLUMN description SET STORAGE EXTERNAL",
    "ALTER TABLE offers_offer SET (toast_tuple_target = 128)",
    """
    CREATE OR REPLACE FUNCTION offers_offer_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.head_vector :=
            setweight(to_tsvector('german'::regconfig, coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector('german'::regconfig, coalesce(NEW.summary, '')), 'B');
        NEW.search_vector :=
            NEW.head_vector || to_tsvector('german'::regconfig, coalesce(NEW.search_text, ''));
        RETURN NEW;
    END
    $$
    """,
    "UPDATE offers_offer SET search_text = search_text",
]
POSTGRES_BACKWARD = [
    """
    CREATE OR REPLACE FUNCTION offers_offer_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('german'::regconfig, coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector('german'::regconfig, coalesce(NEW.summary, '')), 'B')
            || to_tsvector('german'::regconfig, coalesce(NEW.search_text, ''));
        RETURN NEW;
    END
    $$
    """,
    "ALTER TABLE offers_offer RESET (toast_tuple_target)",
    *(
        f"ALTER TABLE offers_offer ALTER COLUMN {column} SET STORAGE EXTENDED"
        for column in ("title", "summary", "search_vector", "search_text", "description")
    ),
    "ALTER TABLE offers_offer DROP COLUMN IF EXISTS head_vector",
    *(f"DROP TRIGGER IF EXISTS {table}_catalogue_changed ON {table}" for table in TABLES),
    "DROP FUNCTION IF EXISTS offers_catalogue_changed()",
    "DROP TABLE IF EXISTS offers_catalogue_version",
]


def sqlite_triggers():
    """Return {name: statement}: a trigger per table and kind of change (SQLite has no
    statement triggers)."""
    triggers = {}
    for table in TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            name = f"{table}_catalogue_{event.lower()}"
            triggers[name] = f"""
                CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN
                    UPDATE offers_catalogue_version
                    SET version = random(), changed_at = strftime('%Y-%m-%d %H:%M:%f', 'now')
                    WHERE id = 1;
                END"""  # noqa: S608 - names of our own tables
    return triggers


SQLITE_FORWARD = [
    """
    CREATE TABLE offers_catalogue_version (
        id integer PRIMARY KEY,
        version integer NOT NULL,
        changed_at text NOT NULL
    )
    """,
    "INSERT INTO offers_catalogue_version VALUES (1, 1, strftime('%Y-%m-%d %H:%M:%f', 'now'))",
    *sqlite_triggers().values(),
]
SQLITE_BACKWARD = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in sqlite_triggers()),
    "DROP TABLE IF EXISTS offers_catalogue_version",
]

STATEMENTS = {
    "postgresql": (POSTGRES_FORWARD, POSTGRES_BACKWARD),
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
}


def _run(schema_editor, which):
    statements = STATEMENTS.get(schema_editor.connection.vendor)
    if statements is None:
        return  # Other databases: the search reads no version and caches nothing.
    for statement in statements[which]:
        schema_editor.execute(statement, params=None)


def create(apps, schema_editor):
    _run(schema_editor, 0)


def drop(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("offers", "0003_search_indexes")]

    operations = [migrations.RunPython(create, drop)]
