"""PostgreSQL: the words of the offers as bit sets, so that a search reads no offer rows.

``offers_search_posting`` holds, per district, word (a lexeme of ``search_vector``), tier
and block of 64 offer ids, the bits of the offers in that block that have the word: tier 2
where the word is in the title (weight A), 1 where it is in the summary (B) but not the
title, 0 elsewhere. The text search (``search._Postgres.match_tiers``) ORs the rows of the
words it looks for: a word found in 40,000 of 100,000 offers is about 1,600 rows of one
narrow index instead of 40,000 offer rows (see docs/performance.md, 2026-12-07).

Statement triggers with transition tables keep it in step with every write to the offers,
a bulk ``COPY`` of the generator included: INSERT adds the bits, DELETE takes them away,
UPDATE flips the bits of the offers whose vector changed (XOR of the old and the new
words), TRUNCATE empties it. The rows are changed in key order, so that two transactions
that save neighbouring offers wait for each other rather than deadlock. A row whose bits
have all gone stays (it finds nothing).

``word`` uses the "C" collation: a prefix search (``kind:*``) is then a range of the index,
and the index carries the bits (``INCLUDE``), so that a search reads the index only (once
autovacuum has marked the pages all-visible).

Not a model: ``makemigrations`` does not know it, and only search.py reads it. SQLite
searches with FTS5 and needs none of this.
"""

from django.db import migrations

# The words of a set of offer rows ``o`` as posting rows.
_POSTINGS_OF = """
    SELECT o.district_id, w.lexeme AS word,
           CAST(CASE WHEN 'A' = ANY(w.weights) THEN 2
                     WHEN 'B' = ANY(w.weights) THEN 1 ELSE 0 END AS smallint) AS tier,
           CAST(o.id / 64 AS integer) AS chunk,
           bit_or(CAST(1 AS bigint) << CAST(o.id % 64 AS integer)) AS bits
    FROM {rows} AS o CROSS JOIN LATERAL unnest(o.search_vector) AS w
    {where}
    GROUP BY 1, 2, 3, 4
"""

_CHANGED = """
    WHERE o.id IN (
        SELECT n.id FROM new_rows AS n JOIN old_rows AS p ON p.id = n.id
        WHERE n.search_vector IS DISTINCT FROM p.search_vector OR n.district_id <> p.district_id
    )
"""

POSTGRES_FORWARD = [
    """
    CREATE TABLE offers_search_posting (
        district_id bigint NOT NULL,
        word text COLLATE "C" NOT NULL,
        tier smallint NOT NULL,
        chunk integer NOT NULL,
        bits bigint NOT NULL,
        PRIMARY KEY (district_id, word, tier, chunk) INCLUDE (bits)
    )
    """,
    f"""
    CREATE FUNCTION offers_search_postings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO offers_search_posting (district_id, word, tier, chunk, bits)
            SELECT * FROM ({_POSTINGS_OF.format(rows="new_rows", where="")}) AS added
            ORDER BY 1, 2, 3, 4
            ON CONFLICT (district_id, word, tier, chunk)
            DO UPDATE SET bits = offers_search_posting.bits | EXCLUDED.bits;
        ELSIF TG_OP = 'DELETE' THEN
            WITH gone AS ({_POSTINGS_OF.format(rows="old_rows", where="")}),
            locked AS (
                SELECT p.district_id, p.word, p.tier, p.chunk, g.bits
                FROM offers_search_posting AS p
                JOIN gone AS g USING (district_id, word, tier, chunk)
                ORDER BY 1, 2, 3, 4
                FOR UPDATE OF p
            )
            UPDATE offers_search_posting AS p SET bits = p.bits & ~l.bits
            FROM locked AS l
            WHERE (p.district_id, p.word, p.tier, p.chunk)
                = (l.district_id, l.word, l.tier, l.chunk);
        ELSIF TG_OP = 'UPDATE' THEN
            -- Each offer's bit is set for its old words: the XOR of the old and the new
            -- words clears the words it lost and sets those it gained.
            INSERT INTO offers_search_posting (district_id, word, tier, chunk, bits)
            SELECT district_id, word, tier, chunk, bit_xor(bits) FROM (
                {_POSTINGS_OF.format(rows="old_rows", where=_CHANGED)}
                UNION ALL
                {_POSTINGS_OF.format(rows="new_rows", where=_CHANGED)}
            ) AS changed
            GROUP BY 1, 2, 3, 4
            HAVING bit_xor(bits) <> 0
            ORDER BY 1, 2, 3, 4
            ON CONFLICT (district_id, word, tier, chunk)
            DO UPDATE SET bits = offers_search_posting.bits # EXCLUDED.bits;
        ELSE
            TRUNCATE offers_search_posting;
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER offers_offer_search_postings_inserted
    AFTER INSERT ON offers_offer REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION offers_search_postings_changed()
    """,
    """
    CREATE TRIGGER offers_offer_search_postings_updated
    AFTER UPDATE ON offers_offer REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION offers_search_postings_changed()
    """,
    """
    CREATE TRIGGER offers_offer_search_postings_deleted
    AFTER DELETE ON offers_offer REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION offers_search_postings_changed()
    """,
    """
    CREATE TRIGGER offers_offer_search_postings_truncated
    AFTER TRUNCATE ON offers_offer
    FOR EACH STATEMENT EXECUTE FUNCTION offers_search_postings_changed()
    """,
    f"""
    INSERT INTO offers_search_posting (district_id, word, tier, chunk, bits)
    {_POSTINGS_OF.format(rows="offers_offer", where="")}
    """,
    # Without statistics the planner takes the table for small and reads all of a district.
    "ANALYZE offers_search_posting",
]
POSTGRES_BACKWARD = [
    *(
        f"DROP TRIGGER IF EXISTS offers_offer_search_postings_{event} ON offers_offer"
        for event in ("inserted", "updated", "deleted", "truncated")
    ),
    "DROP FUNCTION IF EXISTS offers_search_postings_changed()",
    "DROP TABLE IF EXISTS offers_search_posting",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("offers", "0005_place_coordinates_help_text")]

    operations = [migrations.RunPython(create, drop)]
