"""Query parameters of the API: parsed by ninja (422 if malformed), then resolved to records
of the district (422 if unknown)."""

from typing import Annotated, Literal

from django.conf import settings
from django.utils.translation import gettext as _
from pydantic import BaseModel, Field, field_validator

from knotenpunkt.directory.models import LanguageCode, OrganisationType, TopicCode
from knotenpunkt.directory.selectors import organisations_for_filtering
from knotenpunkt.districts.selectors import municipalities_list
from knotenpunkt.offers.models import TargetGroupCode
from knotenpunkt.offers.selectors import categories

from .errors import InvalidParameters

# Ids are 64-bit integers in the database; a larger number must not reach it.
MAX_ID = 2**63 - 1
# Search texts longer than this are cut: nobody types more, and the database needn't read it.
MAX_QUERY_LENGTH = 200
MAX_PAGE_SIZE = 100

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
LanguageParam = Literal[tuple(code for code, _name in settings.LANGUAGES)]
SpokenLanguageParam = Literal[tuple(LanguageCode.values)]
TargetGroupParam = Literal[tuple(TargetGroupCode.values)]
OrganisationTypeParam = Literal[tuple(OrganisationType.values)]
TopicParam = Literal[tuple(TopicCode.values)]
SortParam = Literal["relevance", "name", "newest"]


class PageParams(BaseModel):
    page: int = Field(1, ge=1, le=1_000_000, description="Page number, from 1.")
    limit: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description="Entries per page (1–100).")


class LanguageParams(BaseModel):
    lang: LanguageParam = Field(
        "de",
        description="Language of the texts: translated fields where a current translation "
        "exists (see `translation_status`), German otherwise; labels in this language.",
    )


def _clean_query(value):
    """Return the search text without NUL characters (PostgreSQL refuses them), trimmed."""
    if not isinstance(value, str):
        return value
    return " ".join(value.replace("\x00", " ").split())[:MAX_QUERY_LENGTH]


class OfferFilters(PageParams, LanguageParams):
    q: str = Field("", description="Search text (any length and script; cut to 200 characters).")
    category: Id | None = Field(None, description="Category id; includes its sub-categories.")
    municipality: Id | None = Field(
        None,
        description="Municipality id: offers with a place there, online, or for the whole "
        "district.",
    )
    provider: Id | None = Field(None, description="Organisation id of the provider.")
    language: SpokenLanguageParam | None = Field(
        None, description="Language in which the offer is held."
    )
    target_group: TargetGroupParam | None = Field(None, description="Target group code.")
    free: bool = Field(False, description="Only offers free of charge.")
    sort: SortParam = Field("relevance", description="Order: relevance (with q), name, newest.")

    _clean_q = field_validator("q", mode="before")(_clean_query)


class OrganisationFilters(PageParams, LanguageParams):
    q: str = Field("", description="Search text in name, description and city.")
    municipality: Id | None = Field(
        None, description="Municipality id: organisations that serve it."
    )
    type: OrganisationTypeParam | None = Field(None, description="Type of organisation.")
    topic: TopicParam | None = Field(None, description="Topic code.")
    language: SpokenLanguageParam | None = Field(None, description="Language spoken.")

    _clean_q = field_validator("q", mode="before")(_clean_query)


class ListParams(PageParams):
    """A short list: the first page holds it whole by default."""

    limit: int = Field(100, ge=1, le=MAX_PAGE_SIZE, description="Entries per page (1–100).")


class CategoryParams(ListParams, LanguageParams):
    pass


# Resolving ids ---------------------------------------------------------------------------


def resolve(queryset, pk, parameter, message):
    """Return the record ``pk`` of ``queryset`` (already limited to the district), or 422."""
    if pk is None:
        return None
    record = queryset.filter(pk=pk).first()
    if record is None:
        raise InvalidParameters([{"parameter": parameter, "type": "unknown", "message": message}])
    return record


def resolve_municipality(district, pk):
    return resolve(
        municipalities_list(district=district),
        pk,
        "municipality",
        _("There is no municipality with this id in this district."),
    )


def resolve_category(district, pk):
    return resolve(
        categories(district=district),
        pk,
        "category",
        _("There is no category with this id in this district."),
    )


def resolve_provider(district, pk, offers):
    if pk is None:
        return None
    return resolve(
        organisations_for_filtering(district=district, offers=offers),
        pk,
        "provider",
        _("There is no organisation with this id in this district."),
    )
