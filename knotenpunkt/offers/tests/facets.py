"""Facet counts in SQL: the reference the catalogue's bit sets are tested against."""

from django.db import connections
from django.db.models import BooleanField, ExpressionWrapper

from knotenpunkt.offers.models import Category, Cost, Offer, OfferPlace
from knotenpunkt.offers.search import Facets, filter_conditions
from knotenpunkt.offers.search.filtering import _text_query


def offer_facets(
    offers,
    *,
    query="",
    category=None,
    municipality=None,
    language=None,
    target_group=None,
    free=False,
    provider=None,
):
    """Return the ``Facets`` of a search (the same arguments as ``offer_search``), in one
    query."""
    text = _text_query(query, offers)
    if text and not text.searchable:
        return Facets()
    conditions = filter_conditions(
        category=category,
        municipality=municipality,
        language=language,
        target_group=target_group,
        free=free,
    )
    base = text.filter(offers)
    if provider is not None:
        base = base.filter(provider=provider)
    flags = {
        f"kp_{name}": ExpressionWrapper(condition, output_field=BooleanField())
        for name, condition in conditions.items()
    }
    base = (
        base.annotate(**flags)
        .order_by()
        .values("id", "category_id", "cost", "is_online", "serves_whole_district", *flags)
    )
    base_sql, params = base.query.sql_with_params()
    connection = connections[offers.db]
    quote = connection.ops.quote_name

    def others(name=None):
        names = [f"b.kp_{other}" for other in conditions if other != name]
        return " AND ".join(names) or "1 = 1"

    def through(model_field, column):
        table = model_field.remote_field.through._meta.db_table
        return quote(table), quote(column)

    languages_table, language_column = through(
        Offer._meta.get_field("languages"), "spokenlanguage_id"
    )
    groups_table, group_column = through(Offer._meta.get_field("target_groups"), "targetgroup_id")
    places_table = quote(OfferPlace._meta.db_table)
    categories_table = quote(Category._meta.db_table)
    everywhere = "(b.is_online OR b.serves_whole_district)"
    sql = f"""
        WITH b AS ({base_sql})
        SELECT 'total', '', COUNT(*) FROM b WHERE {others()}
        UNION ALL
        SELECT 'category',
        CAST(b.category_id AS TEXT) || ':' || COALESCE(CAST(c.parent_id AS TEXT), ''),
        COUNT(*) FROM b JOIN {categories_table} c ON c.id = b.category_id
        WHERE {others("category")} GROUP BY b.category_id, c.parent_id
        UNION ALL
        SELECT 'free', '', COUNT(*) FROM b WHERE {others("free")} AND b.cost = %s
        UNION ALL
        SELECT 'language', CAST(l.{language_column} AS TEXT), COUNT(*) FROM b
        JOIN {languages_table} l ON l.offer_id = b.id
        WHERE {others("language")} GROUP BY l.{language_column}
        UNION ALL
        SELECT 'target_group', CAST(g.{group_column} AS TEXT), COUNT(*) FROM b
        JOIN {groups_table} g ON g.offer_id = b.id
        WHERE {others("target_group")} GROUP BY g.{group_column}
        UNION ALL
        SELECT 'municipality', CAST(p.municipality_id AS TEXT), COUNT(DISTINCT b.id) FROM b
        JOIN {places_table} p ON p.offer_id = b.id
        WHERE {others("municipality")} AND NOT {everywhere} GROUP BY p.municipality_id
        UNION ALL
        SELECT 'everywhere', '', COUNT(*) FROM b WHERE {others("municipality")} AND {everywhere}
    """  # noqa: S608 - table names are quoted, values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, Cost.FREE])
        rows = cursor.fetchall()
    facets = Facets()
    for kind, key, count in rows:
        if kind in ("total", "free", "everywhere"):
            setattr(facets, kind, count)
        elif kind == "category":
            # A category counts the offers of its sub-categories too, as its filter does.
            category, parent = key.split(":")
            for pk in (category, parent):
                if pk:
                    facets.categories[int(pk)] = facets.categories.get(int(pk), 0) + count
        elif kind == "municipality":
            facets.places[int(key)] = count
        elif kind == "language":
            facets.languages[key] = count
        elif kind == "target_group":
            facets.target_groups[key] = count
    return facets
