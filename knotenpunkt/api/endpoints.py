"""The endpoints of the public API: read-only, anonymous, one district per URL.

Thin: parse the parameters, call the selectors and the search the HTML pages use, answer
304 if the client has the answer already, else serialise one page. Queries per request are
constant: the district, the ids named in the filters, one aggregate (count and latest
change; for offers the catalogue version, see offers.search.catalogue), the page and
its prefetches.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from ninja import Path, Query, Router

from knotenpunkt.core.collation import german
from knotenpunkt.directory.selectors import organisation_search, with_api_details
from knotenpunkt.districts.selectors import municipalities_list
from knotenpunkt.offers.models import Offer
from knotenpunkt.offers.selectors import (
    api_rows,
    api_rows_with_details,
    categories,
    offer_times,
    offers_by_ids,
    public_catalogue_search,
    public_offers,
)

from . import representations, schemas
from .conditional import Validators, district_or_404
from .paging import envelope, page_of
from .params import (
    MAX_ID,
    CategoryParams,
    LanguageParams,
    ListParams,
    OfferFilters,
    OrganisationFilters,
    resolve_category,
    resolve_municipality,
    resolve_provider,
)

router = Router(tags=["catalogue"])

ERRORS = {
    404: schemas.NotFoundError,
    422: schemas.InvalidParametersError,
    503: schemas.ServiceUnavailableError,
}


def read(path, *, operation_id, response, summary, description=""):
    """Register ``view`` for GET (documented) and HEAD (the same answer without a body)."""

    def decorator(view):
        responses = {200: response, 304: None, **ERRORS}
        router.add_api_operation(
            path,
            ["GET"],
            view,
            operation_id=operation_id,
            response=responses,
            summary=summary,
            description=description,
        )
        router.add_api_operation(
            path,
            ["HEAD"],
            view,
            response=responses,
            include_in_schema=False,
            url_name=f"{view.__name__}_head",
        )
        return view

    return decorator


def _count_and_latest_change(records):
    """Return how many ``records`` there are and when the latest changed, in one query.

    Only the two columns needed: where the search made the query DISTINCT, the database
    then compares two columns per row instead of all of them.
    """
    return (
        records.order_by()
        .values("pk", "updated_at")
        .aggregate(count=Count("pk"), changed=Max("updated_at"))
    )


@read(
    "/{district_slug}/offers",
    operation_id="listOffers",
    response=schemas.OfferPage,
    summary="List public offers",
    description="The public catalogue, filtered and sorted as on the catalogue page.",
)
def offers(request, response: HttpResponse, district_slug: str, filters: Query[OfferFilters]):
    district = district_or_404(district_slug)
    today = timezone.localdate()
    public = public_offers(district=district, today=today)
    found = public_catalogue_search(
        district=district,
        query=filters.q,
        category=resolve_category(district, filters.category),
        municipality=resolve_municipality(district, filters.municipality),
        language=filters.language,
        target_group=filters.target_group,
        free=filters.free,
        provider=resolve_provider(district, filters.provider, public),
        today=today,
        using=public.db,
    )
    page = page_of(count=found.total, number=filters.page, limit=filters.limit)
    # The catalogue version changes with every change of an offer (see offers.search).
    version, changed = found.version
    validators = Validators(
        district, today, "offers", filters.model_dump(), found.total, version, changed=changed
    )
    if (not_modified := validators.not_modified(request)) is not None:
        return not_modified

    ids = found.page(page.offset, page.limit, filters.sort)
    # The search found public offers only; their ids need not pass the public conditions again.
    loaded = {row["pk"]: row for row in api_rows(offers_by_ids(district=district, ids=ids))}
    rows = api_rows_with_details([loaded[pk] for pk in ids if pk in loaded], lang=filters.lang)
    urls = representations.Urls(request, district)
    with translation.override(filters.lang):
        results = [representations.offer(row, lang=filters.lang, urls=urls) for row in rows]
    validators.apply(response)
    return envelope(request, page, results)


@read(
    "/{district_slug}/offers/{offer_id}",
    operation_id="getOffer",
    response=schemas.OfferDetail,
    summary="One public offer",
    description="With its weekly times and dates. 404 if it is not (or no longer) public.",
)
def offer(
    request,
    response: HttpResponse,
    district_slug: str,
    params: Query[LanguageParams],
    offer_id: int = Path(..., ge=1, le=MAX_ID),
):
    district = district_or_404(district_slug)
    today = timezone.localdate()
    changed = (
        public_offers(district=district, today=today)
        .filter(pk=offer_id)
        .values_list("updated_at", flat=True)
        .first()
    )
    if changed is None:
        raise Http404
    validators = Validators(
        district, today, "offer", offer_id, params.lang, changed, changed=changed
    )
    if (not_modified := validators.not_modified(request)) is not None:
        return not_modified

    try:
        item = api_rows(public_offers(district=district, today=today)).get(pk=offer_id)
    except Offer.DoesNotExist as exc:  # unpublished between the two queries
        raise Http404 from exc
    (item,) = api_rows_with_details([item], lang=params.lang)
    times = offer_times(district=district, offer_id=item.pk)
    urls = representations.Urls(request, district)
    with translation.override(params.lang):
        data = representations.offer(item, lang=params.lang, urls=urls, times=list(times))
    validators.apply(response)
    return data


@read(
    "/{district_slug}/categories",
    operation_id="listCategories",
    response=schemas.CategoryPage,
    summary="List the categories of offers",
    description="The category tree as a list (parent_id), with the number of public offers.",
)
def category_list(
    request, response: HttpResponse, district_slug: str, params: Query[CategoryParams]
):
    district = district_or_404(district_slug)
    today = timezone.localdate()
    rows = list(categories(district=district).order_by("position", german("name"), "pk"))
    counts = dict(
        public_offers(district=district, today=today)
        .order_by()
        .values_list("category")
        .annotate(number=Count("pk"))
    )
    children = {}
    for row in rows:
        if row.parent_id:
            children.setdefault(row.parent_id, []).append(row.pk)
    with translation.override(params.lang):
        results = [
            representations.category(
                row,
                lang=params.lang,
                offer_count=counts.get(row.pk, 0)
                + sum(counts.get(child, 0) for child in children.get(row.pk, ())),
            )
            for row in rows
        ]
    return _small_list(request, response, district, today, "categories", params, results)


@read(
    "/{district_slug}/municipalities",
    operation_id="listMunicipalities",
    response=schemas.MunicipalityPage,
    summary="List the municipalities of the district",
)
def municipality_list(
    request, response: HttpResponse, district_slug: str, params: Query[ListParams]
):
    district = district_or_404(district_slug)
    today = timezone.localdate()
    rows = municipalities_list(district=district).order_by(german("name"), "pk")
    results = [representations.municipality(row) for row in rows]
    return _small_list(request, response, district, today, "municipalities", params, results)


def _small_list(request, response, district, today, kind, params, results):
    """Answer a short list (tens of rows) read whole: its content is its ETag."""
    page = page_of(count=len(results), number=params.page, limit=params.limit)
    validators = Validators(district, today, kind, params.model_dump(), results)
    if (not_modified := validators.not_modified(request)) is not None:
        return not_modified
    validators.apply(response)
    return envelope(request, page, results[page.offset : page.end])


@read(
    "/{district_slug}/organisations",
    operation_id="listOrganisations",
    response=schemas.OrganisationPage,
    summary="List the organisations of the public directory",
    description="Public entries only; contact persons are not part of the API.",
)
def organisation_list(
    request, response: HttpResponse, district_slug: str, filters: Query[OrganisationFilters]
):
    district = district_or_404(district_slug)
    today = timezone.localdate()
    found = organisation_search(
        district=district,
        # The API is anonymous: a logged-in member's cookie must not reveal internal entries.
        actor=AnonymousUser(),
        query=filters.q,
        municipality=resolve_municipality(district, filters.municipality),
        type=filters.type or "",
        topic=filters.topic,
        language=filters.language,
    )
    stats = _count_and_latest_change(found)
    page = page_of(count=stats["count"], number=filters.page, limit=filters.limit)
    validators = Validators(
        district,
        today,
        "organisations",
        filters.model_dump(),
        stats["count"],
        stats["changed"],
        changed=stats["changed"],
    )
    if (not_modified := validators.not_modified(request)) is not None:
        return not_modified

    rows = with_api_details(found[page.offset : page.end])
    urls = representations.Urls(request, district)
    with translation.override(filters.lang):
        results = [representations.organisation(row, urls=urls) for row in rows]
    validators.apply(response)
    return envelope(request, page, results)
