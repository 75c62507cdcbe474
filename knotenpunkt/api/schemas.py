"""What the API answers. Field descriptions are English only; labels follow ``lang``.

Plain pydantic models, not ninja's ``Schema``: the endpoints return dicts, and ``Schema``
would wrap every nested object for attribute access (a tenth of a list answer's time).
"""

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, Field


class CodeLabel(BaseModel):
    code: str = Field(description="Stable code for programs.")
    label: str = Field(description="Name for people, in the requested language.")


class MunicipalityRef(BaseModel):
    id: int
    name: str


class CategoryRef(BaseModel):
    id: int
    slug: str
    name: str


class ProviderRef(BaseModel):
    id: int
    name: str
    url: str | None = Field(
        description="Public directory page; null if the organisation is not in the public "
        "directory."
    )


class Place(BaseModel):
    name: str
    street: str
    postal_code: str
    city: str
    municipality: MunicipalityRef
    latitude: float | None
    longitude: float | None


# A local time without offset (Europe/Berlin, the district's time): OpenAPI's "format: time"
# (RFC 3339 full-time) would require an offset, so the schema names the pattern instead.
LocalTime = Annotated[
    str,
    Field(
        pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$",
        description="Local time in the district (Europe/Berlin), HH:MM:SS, without offset.",
        examples=["17:30:00"],
    ),
]


class OfferTime(BaseModel):
    weekday: int | None = Field(description="0 = Monday … 6 = Sunday; null for a single date.")
    weekday_label: str | None
    date: dt.date | None = Field(description="A single date; null for a weekly time.")
    starts_at: LocalTime
    ends_at: LocalTime | None


class Offer(BaseModel):
    id: int
    url: str | None = Field(description="The offer's page in the public catalogue.")
    language: str = Field(description="Language of title, summary and description.")
    translation_status: Literal["original", "current", "outdated", "missing"] = Field(
        description="original: German (the source text) was asked for; current: translated; "
        "outdated: a translation exists but was made from an older German text, so the German "
        "text is given; missing: no translation, German text given."
    )
    title: str
    summary: str
    description: str = Field(
        description="Sanitised HTML: p, br, strong, em, b, i, ul, ol, li, h3, h4, a."
    )
    provider: ProviderRef
    category: CategoryRef
    target_groups: list[CodeLabel]
    languages: list[CodeLabel] = Field(description="Languages in which the offer is held.")
    cost: CodeLabel
    cost_note: str
    registration_required: bool
    registration_note: str
    is_online: bool
    serves_whole_district: bool
    schedule_note: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    accessibility: str
    contact_name: str
    contact_phone: str
    contact_email: str
    website: str
    places: list[Place]
    published_at: dt.datetime | None
    last_confirmed_at: dt.date | None
    updated_at: dt.datetime


class OfferDetail(Offer):
    times: list[OfferTime]


class Category(BaseModel):
    id: int
    slug: str
    name: str = Field(description="In the requested language, German if not translated.")
    name_de: str
    parent_id: int | None
    position: int
    offer_count: int = Field(description="Public offers in it and its sub-categories.")


class Organisation(BaseModel):
    id: int
    name: str
    type: CodeLabel
    url: str
    description: str
    street: str
    postal_code: str
    city: str
    municipality: MunicipalityRef | None = Field(description="Where it has its seat.")
    phone: str
    fax: str
    email: str
    website: str
    opening_hours: str
    serves_whole_district: bool
    municipalities: list[MunicipalityRef] = Field(description="Municipalities served.")
    languages: list[CodeLabel] = Field(description="Languages spoken.")
    topics: list[CodeLabel]
    updated_at: dt.datetime


class Municipality(BaseModel):
    id: int
    name: str
    official_key: str = Field(description="Amtlicher Gemeindeschlüssel (AGS), 8 digits.")
    region: str | None
    latitude: float | None
    longitude: float | None


class PageFields(BaseModel):
    count: int = Field(description="Entries matching the filters, on all pages.")
    page: int
    pages: int
    limit: int
    next: str | None = Field(description="URL of the next page, null on the last.")
    previous: str | None = Field(description="URL of the previous page, null on the first.")


class OfferPage(PageFields):
    results: list[Offer]


class CategoryPage(PageFields):
    results: list[Category]


class OrganisationPage(PageFields):
    results: list[Organisation]


class MunicipalityPage(PageFields):
    results: list[Municipality]


class ErrorEntry(BaseModel):
    parameter: str
    type: str = Field(description="pydantic's error type, or unknown, page_out_of_range.")
    message: str = Field(description="For people, in the language of Accept-Language.")


class InvalidParametersError(BaseModel):
    detail: str
    errors: list[ErrorEntry]


class NotFoundError(BaseModel):
    detail: str


class ServiceUnavailableError(BaseModel):
    """RFC 9457 problem details; the answer carries Retry-After."""

    type: str
    title: str
    status: int
    detail: str
