"""The full-text index of the offers, one kind per database (see knotenpunkt/offers/search.py).

PostgreSQL: a ``search_vector`` column (German configuration; title weighted A, summary B,
the search text D) that a trigger fills, with a GIN index; a vocabulary table of the words
of all search texts with a trigram index (pg_trgm), which a trigger extends.

SQLite: an FTS5 table over title and search text kept in step by triggers, and its
vocabulary (fts5vocab).

Neither is a model: ``makemigrations`` does not know them, and only search.py reads them.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE offers_offer ADD COLUMN search_vector tsvector",
    """
    CREATE FUNCTION offers_offer_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('german'::regconfig, coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector('german'::regconfig, coalesce(NEW.summary, '')), 'B')
            || to_tsvector('german'::regconfig, coalesce(NEW.search_text, ''));
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER offers_offer_search_vector
    BEFORE INSERT OR UPDATE OF title, summary, search_text ON offers_offer
    FOR EACH ROW EXECUTE FUNCTION offers_offer_search_vector()
    """,
    "UPDATE offers_offer SET search_text = search_text",
    "CREATE INDEX offers_offer_search_vector ON offers_offer USING gin (search_vector)",
    "CREATE TABLE offers_search_word (word text PRIMARY KEY)",
    "CREATE INDEX offers_search_word_trgm ON offers_search_word USING gist (word gist_trgm_ops)",
    # Words of four letters or more, without digits or punctuation: what typo correction
    # and compound search look at. Words are only added; a word no offer has any more
    # finds nothing and does no harm.
    """
    CREATE FUNCTION offers_search_words_of(texts text[]) RETURNS void LANGUAGE sql AS $$
        INSERT INTO offers_search_word (word)
        SELECT DISTINCT lexeme
        FROM unnest(texts) AS t(body),
             unnest(tsvector_to_array(to_tsvector('simple'::regconfig, coalesce(t.body, ''))))
             AS lexeme
        WHERE length(lexeme) BETWEEN 4 AND 60 AND lexeme !~ '[[:punct:][:digit:][:space:]]'
        ON CONFLICT DO NOTHING
    $$
    """,
    """
    CREATE FUNCTION offers_search_words_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM offers_search_words_of(ARRAY(SELECT search_text FROM new_rows));
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE FUNCTION offers_search_words_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM offers_search_words_of(ARRAY(
            SELECT new_rows.search_text FROM new_rows JOIN old_rows USING (id)
            WHERE new_rows.search_text IS DISTINCT FROM old_rows.search_text
        ));
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER offers_search_words_insert AFTER INSERT ON offers_offer
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION offers_search_words_inserted()
    """,
    """
    CREATE TRIGGER offers_search_words_update AFTER UPDATE ON offers_offer
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION offers_search_words_updated()
    """,
    "SELECT offers_search_words_of(ARRAY(SELECT search_text FROM offers_offer))",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS offers_search_words_update ON offers_offer",
    "DROP TRIGGER IF EXISTS offers_search_words_insert ON offers_offer",
    "DROP FUNCTION IF EXISTS offers_search_words_updated()",
    "DROP FUNCTION IF EXISTS offers_search_words_inserted()",
    "DROP FUNCTION IF EXISTS offers_search_words_of(text[])",
    "DROP TABLE IF EXISTS offers_search_word",
    "DROP TRIGGER IF EXISTS offers_offer_search_vector ON offers_offer",
    "DROP FUNCTION IF EXISTS offers_offer_search_vector()",
    "ALTER TABLE offers_offer DROP COLUMN IF EXISTS search_vector",
]

# ß is stored as ss, so that "Straße" and "Strasse" both find the stem "strass".
SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE offers_offer_fts USING fts5(
        title, body, tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
    "CREATE VIRTUAL TABLE offers_offer_fts_vocab USING fts5vocab(offers_offer_fts, 'row')",
    """
    CREATE TRIGGER offers_offer_fts_insert AFTER INSERT ON offers_offer BEGIN
        INSERT INTO offers_offer_fts (rowid, title, body) VALUES
        (new.id, replace(new.title, 'ß', 'ss'), replace(new.search_text, 'ß', 'ss'));
    END
    """,
    """
    CREATE TRIGGER offers_offer_fts_update AFTER UPDATE OF title, search_text ON offers_offer
    BEGIN
        DELETE FROM offers_offer_fts WHERE rowid = old.id;
        INSERT INTO offers_offer_fts (rowid, title, body) VALUES
        (new.id, replace(new.title, 'ß', 'ss'), replace(new.search_text, 'ß', 'ss'));
    END
    """,
    """
    CREATE TRIGGER offers_offer_fts_delete AFTER DELETE ON offers_offer BEGIN
        DELETE FROM offers_offer_fts WHERE rowid = old.id;
    END
    """,
    """
    INSERT INTO offers_offer_fts (rowid, title, body)
    SELECT id, replace(title, 'ß', 'ss'), replace(search_text, 'ß', 'ss') FROM offers_offer
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS offers_offer_fts_delete",
    "DROP TRIGGER IF EXISTS offers_offer_fts_update",
    "DROP TRIGGER IF EXISTS offers_offer_fts_insert",
    "DROP TABLE IF EXISTS offers_offer_fts_vocab",
    "DROP TABLE IF EXISTS offers_offer_fts",
]

STATEMENTS = {
    "postgresql": (POSTGRES_FORWARD, POSTGRES_BACKWARD),
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
}


def _run(schema_editor, which):
    statements = STATEMENTS.get(schema_editor.connection.vendor)
    if statements is None:
        return  # Other databases search without an index (substring match).
    for statement in statements[which]:
        schema_editor.execute(statement, params=None)


def create_index(apps, schema_editor):
    _run(schema_editor, 0)


def drop_index(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("offers", "0002_reference_lists")]

    operations = [migrations.RunPython(create_index, drop_index)]
