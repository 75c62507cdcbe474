"""Database expressions that Django does not have for every database we support."""

from django.db.models import Aggregate, JSONField, OuterRef, Subquery, TextField

# The ASCII unit separator: no name or code a person types contains it.
SEPARATOR = "\x1f"


class JoinedText(Aggregate):
    """The values of a group as one text, joined by ``SEPARATOR`` (in no particular order).

    PostgreSQL's ``string_agg`` and SQLite's ``group_concat``: Django 5.2 has ``StringAgg``
    for PostgreSQL only.
    """

    function = "STRING_AGG"
    template = "%(function)s(CAST(%(expressions)s AS text), CHR(31))"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            function="GROUP_CONCAT",
            template="%(function)s(%(expressions)s, CHAR(31))",
            **extra_context,
        )


def joined_values(rows, field, *, outer="offer_id"):
    """A subquery: the ``field`` of the ``rows`` whose ``outer`` is the outer row's id, as
    one ``JoinedText`` (NULL where there are none). Split it with ``split_joined``."""
    grouped = rows.filter(**{outer: OuterRef("pk")}).order_by().values(outer)
    return Subquery(grouped.annotate(joined=JoinedText(field)).values("joined")[:1])


class JSONRows(Aggregate):
    """The rows of a group as a JSON array with one array of the expressions per row (in no
    particular order): PostgreSQL's ``jsonb_agg``, SQLite's ``json_group_array``."""

    function = "JSONB_AGG"
    template = "%(function)s(JSONB_BUILD_ARRAY(%(expressions)s))"
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            function="JSON_GROUP_ARRAY",
            template="%(function)s(JSON_ARRAY(%(expressions)s))",
            **extra_context,
        )


def joined_rows(rows, *fields, outer="offer_id"):
    """A subquery: the ``fields`` of each of the ``rows`` whose ``outer`` is the outer row's
    id, as one ``JSONRows`` list of lists (None where there are none)."""
    grouped = rows.filter(**{outer: OuterRef("pk")}).order_by().values(outer)
    return Subquery(grouped.annotate(joined=JSONRows(*fields)).values("joined")[:1])


def split_joined(text):
    """The values of a ``joined_values`` column."""
    return text.split(SEPARATOR) if text else []
