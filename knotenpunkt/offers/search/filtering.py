"""Filter and sort a queryset of offers in SQL (the embed, the feed and the map)."""

from django.db.models import F, Q

from knotenpunkt.core.collation import german

from .query import TextQuery

SORT_RELEVANCE, SORT_NAME, SORT_NEWEST = "relevance", "name", "newest"


def filter_conditions(
    *, category=None, municipality=None, language=None, target_group=None, free=False
):
    """Return the condition of each filter that is set, by filter name.

    Subqueries rather than joins, so that no offer is doubled and no DISTINCT is needed.
    """
    from ..models import Category, Cost, Offer, OfferPlace

    conditions = {}
    if category is not None:
        tree = Category.objects.filter(Q(pk=category.pk) | Q(parent=category)).values("pk")
        conditions["category"] = Q(category__in=tree)
    if municipality is not None:
        places = OfferPlace.objects.filter(municipality=municipality).values("offer_id")
        conditions["municipality"] = (
            Q(is_online=True) | Q(serves_whole_district=True) | Q(pk__in=places)
        )
    if language is not None:
        speaking = Offer.languages.through.objects.filter(spokenlanguage=language)
        conditions["language"] = Q(pk__in=speaking.values("offer_id"))
    if target_group is not None:
        addressing = Offer.target_groups.through.objects.filter(targetgroup=target_group)
        conditions["target_group"] = Q(pk__in=addressing.values("offer_id"))
    if free:
        conditions["free"] = Q(cost=Cost.FREE)
    return conditions


def _text_query(query, offers):
    if isinstance(query, TextQuery):
        return query
    return TextQuery(query or "", using=offers.db)


def offer_search(
    offers,
    *,
    query="",
    category=None,
    municipality=None,
    language=None,
    target_group=None,
    free=False,
    provider=None,
    sort=SORT_RELEVANCE,
):
    """Return ``offers`` (a queryset of public offers) filtered and sorted.

    ``query`` is the visitor's text (or a ``TextQuery``). ``category`` includes its
    sub-categories; ``municipality`` means offers reachable there (a place there, online,
    or open to the whole district). Sorted by relevance only when there is a query.
    """
    text = _text_query(query, offers)
    offers = text.filter(offers)
    conditions = filter_conditions(
        category=category,
        municipality=municipality,
        language=language,
        target_group=target_group,
        free=free,
    )
    if provider is not None:
        conditions["provider"] = Q(provider=provider)
    offers = offers.filter(*conditions.values())
    if sort == SORT_NEWEST:
        return offers.order_by(F("published_at").desc(nulls_last=True), "-pk")
    if sort == SORT_RELEVANCE and text.searchable:
        return offers.annotate(rank=text.rank()).order_by("-rank", german("title"), "pk")
    return offers.order_by(german("title"), "pk")
