"""Reading offers: what the public sees, what editors and reviewers work on."""

import datetime
from dataclasses import dataclass
from types import SimpleNamespace

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from knotenpunkt.core.audit import history_of
from knotenpunkt.core.collation import german
from knotenpunkt.core.expressions import joined_rows, joined_values, split_joined
from knotenpunkt.core.lifecycle import freshness
from knotenpunkt.core.lifecycle.translation import (
    TranslationStatus,
    outdated_translations,
    status_of,
    translation_status_annotation,
)
from knotenpunkt.core.models import choice_display
from knotenpunkt.core.textdiff import Difference
from knotenpunkt.directory.models import LanguageCode

from .cards import OfferCard
from .models import (
    Category,
    Cost,
    Offer,
    OfferPlace,
    OfferState,
    OfferTime,
    OfferTranslation,
    category_label,
)
from .permissions import editable_offers, reviewable_offers
from .search import catalogue_search, plain_text
from .services import OFFER_FIELDS, OFFER_M2M_FIELDS, REMINDER_LEAD, confirmation_deadline


def public_offers(*, district, today=None):
    """Return the offers the public catalogue shows.

    Published, confirmed within the district's review period and not past their end date.
    """
    today = today or timezone.localdate()
    return (
        Offer.objects.in_district(district)
        .published()
        .filter(
            freshness.confirmed_in_time("last_confirmed_at", confirmation_deadline(district, today))
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    )


def with_public_details(offers):
    """Apply what list pages and the API show of each offer."""
    return offers.select_related("provider", "category").prefetch_related(
        "languages",
        "target_groups",
        Prefetch("places", to_attr="place_list"),
        Prefetch("translations", to_attr="translation_list"),
    )


def public_offer(*, district, pk, today=None):
    """Return one public offer with everything its page shows (DoesNotExist: 404)."""
    return (
        public_offers(district=district, today=today)
        .select_related("provider", "category", "provider__municipality")
        .prefetch_related(
            "languages",
            "target_groups",
            Prefetch("places", to_attr="place_list"),
            "times",
            Prefetch("translations", to_attr="translation_list"),
        )
        .get(pk=pk)
    )


def translation_for(offer, language_code):
    """Return the current translation of ``offer`` into ``language_code``, or None.

    Uses ``offer.translation_list`` when prefetched.
    """
    if translation_status(offer, language_code) == TranslationStatus.CURRENT:
        return _translation_into(offer, language_code)
    return None


def translation_status(offer, language_code):
    """Return the ``TranslationStatus`` of ``offer`` in ``language_code`` (None for German,
    the source). Uses ``offer.translation_list`` when prefetched."""
    if language_code == "de":
        return None
    translation = _translation_into(offer, language_code)
    return status_of(getattr(translation, "source_hash", None), offer.text_hash)


def _translation_into(offer, language_code):
    if language_code == "de":
        return None
    translations = getattr(offer, "translation_list", None)
    if translations is None:
        translations = list(offer.translations.all())
    return next((t for t in translations if t.language == language_code), None)


def public_cards(*, district, ids, language, links):
    """Return the result cards of the offers ``ids`` of ``district``, in that order.

    One query for a page, whatever its size (two outside German: the translations); the ids
    are public offers (the search found them), so they are read without the public
    conditions again.
    """
    rows = (
        Offer.objects.in_district(district)
        .filter(pk__in=ids)
        .annotate(
            language_codes=joined_values(Offer.languages.through.objects, "spokenlanguage_id"),
            place_names=joined_values(OfferPlace.objects, "municipality__name"),
        )
        .values_list(
            "pk",
            "revision_of_id",
            "title",
            "summary",
            "text_hash",
            "is_online",
            "serves_whole_district",
            "cost",
            "category__name",
            "category__translations",
            "provider__name",
            "language_codes",
            "place_names",
        )
    )
    offers = {row[0]: row for row in rows}
    found = [pk for pk in ids if pk in offers]
    translated = {}
    if language != "de":
        for offer_id, title, summary, source_hash in OfferTranslation.objects.filter(
            offer_id__in=found, language=language
        ).values_list("offer_id", "title", "summary", "source_hash"):
            translated[offer_id] = (title, summary, source_hash)
    language_labels, cost_labels = dict(LanguageCode.choices), dict(Cost.choices)
    cards = []
    for pk in found:
        (_pk, revision_of, title, summary, text_hash, online, whole_district, cost) = offers[pk][:8]
        category_name, category_translations, provider, codes, places = offers[pk][8:]
        translation = translated.get(pk)
        source_hash = translation[2] if translation is not None else None
        current = status_of(source_hash, text_hash) == TranslationStatus.CURRENT
        cards.append(
            OfferCard(
                pk=pk,
                url=links.for_pk(revision_of or pk),
                title=translation[0] if current else title,
                summary=translation[1] if current else summary,
                text_language=language if current else "de",
                category=category_label(category_name, category_translations, language),
                municipalities=tuple(sorted(set(split_joined(places)))),
                is_online=online,
                serves_whole_district=whole_district,
                cost=str(cost_labels.get(cost, cost)),
                languages=tuple(
                    str(language_labels.get(code, code)) for code in sorted(split_joined(codes))
                ),
                provider=provider,
            )
        )
    return cards


def categories(*, district):
    return Category.objects.in_district(district).select_related("parent")


def offers_for_editor(*, district, actor):
    """Return the offers ``actor`` writes (main rows, each with its pending change)."""
    offers = editable_offers(actor, district, Offer.objects.in_district(district).main_rows())
    return offers.select_related("provider", "category", "pending_revision").order_by(
        german("title"), "pk"
    )


def offers_for_workspace(*, district, actor, filters):
    """Return ``actor``'s offers narrowed by the workspace list's ``filters`` (``query``,
    ``state``): the list and its export show the same rows."""
    offers = offers_for_editor(district=district, actor=actor)
    if filters.get("query"):
        offers = offers.filter(title__icontains=filters["query"])
    state = filters.get("state")
    if state == PENDING_CHANGE:
        offers = offers.filter(pending_revision__isnull=False)
    elif state in (SENT_BACK, DUE, OUTDATED_TRANSLATION):
        offers = offers_needing(offers, state, district=district)
    elif state:
        offers = offers.filter(state=state)
    return offers


def offers_for_review(*, district, actor):
    """Return what waits for ``actor``'s review: offers and pending changes in review."""
    in_review = Offer.objects.in_district(district).filter(state=OfferState.IN_REVIEW)
    return (
        reviewable_offers(actor, district, in_review)
        .select_related("provider", "category", "revision_of")
        .order_by("updated_at", "pk")
    )


# What an editor's offers need: the workspace list's filters and the home's panels count
# the same querysets, so that a panel's number is the length of the list it links to.
SENT_BACK = "sent_back"
DUE = "due"
OUTDATED_TRANSLATION = "outdated_translation"
# The workspace list's filter for offers with a change waiting to be published.
PENDING_CHANGE = "pending_change"


def offers_needing(offers, need, *, district, today=None):
    """Narrow ``offers`` (main rows) to those with ``need``: sent back by a reviewer (also
    their pending change), due for confirmation within two weeks (or overdue), or with an
    outdated translation."""
    if need == SENT_BACK:
        return offers.filter(
            Q(state=OfferState.DRAFT, review_note__gt="")
            | Q(pending_revision__state=OfferState.DRAFT, pending_revision__review_note__gt="")
        )
    if need == DUE:
        # Stale by the deadline two weeks from now: due soon, or overdue already.
        soon = confirmation_deadline(district, today) + REMINDER_LEAD
        return offers.filter(freshness.stale("last_confirmed_at", soon), state=OfferState.PUBLISHED)
    if need == OUTDATED_TRANSLATION:
        outdated = outdated_translations(OfferTranslation.objects.filter(offer=OuterRef("pk")))
        return offers.filter(Exists(outdated), state=OfferState.PUBLISHED)
    raise ValueError(need)


def count_offers_needing(need):
    """Return a panel count: how many of the actor's offers have ``need`` (one query)."""

    def count(actor, district) -> int:
        offers = editable_offers(actor, district, Offer.objects.in_district(district).main_rows())
        return offers_needing(offers, need, district=district).count()

    return count


def own_offers_panel(actor, district) -> dict:
    """The partner editor's offers for the home: how many in each state (one query)."""
    offers = editable_offers(actor, district, Offer.objects.in_district(district).main_rows())
    counts = dict(offers.order_by().values_list("state").annotate(number=Count("pk")))
    return {
        "states": [
            (label, counts.get(state, 0), state)
            for state, label in OfferState.choices
            if counts.get(state)
        ],
        "total": sum(counts.values()),
    }


def count_offers_for_review(actor, district) -> int:
    return offers_for_review(district=district, actor=actor).count()


def count_stale_offers(actor, district) -> int:
    return stale_offers(district=district).count()


def stale_offers(*, district, today=None):
    """Return published offers not confirmed within the review period (out of the catalogue)."""
    deadline = confirmation_deadline(district, today)
    return (
        Offer.objects.in_district(district)
        .published()
        .filter(freshness.stale("last_confirmed_at", deadline))
        .select_related("provider")
        .order_by("last_confirmed_at", german("title"))
    )


def translations_overview(*, district, languages):
    """Return per language the published offers whose translation is missing or outdated.

    ``{language: {"missing": [offers], "outdated": [offers]}}``; one query.
    """
    statuses = {
        f"translation_status_{index}": translation_status_annotation(
            OfferTranslation.objects, source_field="offer", language=language
        )
        for index, language in enumerate(languages)
    }
    offers = list(
        Offer.objects.in_district(district)
        .main_rows()
        .filter(state=OfferState.PUBLISHED)
        .select_related("provider")
        .annotate(**statuses)
        .order_by(german("title"), "pk")
    )
    overview = {language: {"missing": [], "outdated": []} for language in languages}
    for offer in offers:
        for index, language in enumerate(languages):
            status = getattr(offer, f"translation_status_{index}")
            if status != TranslationStatus.CURRENT:
                overview[language][status].append(offer)
    return overview


def offer_for_workspace(offer):
    """Return ``offer`` (or its pending change) with what the workspace page shows."""
    return (
        Offer.objects.filter(pk=offer.pk)
        .select_related("provider", "category", "category__parent")
        .prefetch_related(
            "target_groups",
            "languages",
            Prefetch("places", queryset=OfferPlace.objects.select_related("municipality")),
            "times",
            "translations",
        )
        .get()
    )


def offer_history(*, district, offer):
    """Return the audit entries of ``offer`` (pending changes are recorded on it), newest first."""
    return history_of(district=district, target=offer)


def _display(offer, field):
    value = getattr(offer, field)
    if field == "description":
        return " ".join(plain_text(value).split())
    if field == "cost":
        return offer.get_cost_display()
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return "" if value is None else str(value)


def _relation_display(offer, field):
    if field in ("target_groups", "languages"):
        return ", ".join(sorted(str(item) for item in getattr(offer, field).all()))
    if field == "places":
        return "; ".join(f"{place} ({place.municipality})" for place in offer.places.all())
    return "; ".join(str(time) for time in offer.times.all())


def pending_change_differences(original, revision):
    """Return a ``Difference`` (label, published value, changed value) for each field the
    pending change alters; its ``diff`` marks the words inserted and removed.

    Both offers should come from ``offer_for_workspace`` (relations prefetched).
    """
    labels = {
        "places": OfferPlace._meta.verbose_name_plural,
        "times": OfferTime._meta.verbose_name_plural,
    }
    differences = []
    for field in (*OFFER_FIELDS, *OFFER_M2M_FIELDS, "places", "times"):
        if field in OFFER_FIELDS:
            old, new = _display(original, field), _display(revision, field)
        else:
            old, new = _relation_display(original, field), _relation_display(revision, field)
        if old != new:
            label = labels.get(field) or Offer._meta.get_field(field).verbose_name
            differences.append(Difference(str(label), old, new))
    return differences


@dataclass
class CoverageRow:
    municipality: object
    counts: list

    @property
    def total(self):
        return sum(self.counts)


@dataclass
class Coverage:
    """Offers reachable per municipality and top-level category (see ``offer_coverage``)."""

    categories: list
    rows: list
    # Per category: the offers online or for the whole district, counted in every municipality.
    everywhere: list

    @property
    def gaps(self):
        return sum(count == 0 for row in self.rows for count in row.counts)


def offer_coverage(*, district, today=None):
    """Count the public offers people in each municipality can reach, per top-level category.

    An offer is reachable in a municipality if it has a place there, takes place online or
    is open to the whole district. An offer of a subcategory counts for its top-level
    category. Four queries, however many offers and municipalities there are.
    """
    from knotenpunkt.districts.models import Municipality

    categories = list(Category.objects.in_district(district).order_by("position", german("name")))
    by_id = {category.pk: category for category in categories}
    top_levels = [category for category in categories if category.parent_id is None]
    column = {category.pk: index for index, category in enumerate(top_levels)}

    def column_of(category_id):
        category, seen = by_id[category_id], set()
        while category.parent_id and category.parent_id in by_id and category.pk not in seen:
            seen.add(category.pk)
            category = by_id[category.parent_id]
        return column.get(category.pk)

    municipalities = list(Municipality.objects.in_district(district).order_by(german("name"), "pk"))
    offers = public_offers(district=district, today=today)
    everywhere_filter = Q(is_online=True) | Q(serves_whole_district=True)

    everywhere = [0] * len(top_levels)
    per_category = (
        offers.filter(everywhere_filter)
        .values("category_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for row in per_category:
        index = column_of(row["category_id"])
        if index is not None:
            everywhere[index] += row["count"]

    local = {municipality.pk: [0] * len(top_levels) for municipality in municipalities}
    per_place = (
        OfferPlace.objects.in_district(district)
        .filter(offer__in=offers.exclude(everywhere_filter).values("pk"))
        .values("municipality_id", "offer__category_id")
        .annotate(count=Count("offer_id", distinct=True))
        .order_by()
    )
    for row in per_place:
        index = column_of(row["offer__category_id"])
        if index is not None and row["municipality_id"] in local:
            local[row["municipality_id"]][index] += row["count"]

    rows = [
        CoverageRow(
            municipality=municipality,
            counts=[
                here + anywhere
                for here, anywhere in zip(local[municipality.pk], everywhere, strict=True)
            ],
        )
        for municipality in municipalities
    ]
    return Coverage(categories=top_levels, rows=rows, everywhere=everywhere)


# The public API's reads -------------------------------------------------------------------
# What the API shows of a page of offers: few queries, and no model per related row.
# ``with_public_details`` prefetches through Django's related managers, which builds a
# queryset per offer and relation; for a page of 100 offers that was most of the API's time.
# Here the languages and target groups come with the offers, joined into one text each, and
# their places as JSON rows (``api_rows``), and translations only in the language asked for.

PLACE_FIELDS = (
    "pk",
    "name",
    "street",
    "postal_code",
    "city",
    "municipality_id",
    "municipality__name",
    "latitude",
    "longitude",
)


# What an answer shows of an offer: every field its editors fill in (the provider and the
# category come joined), and what Knotenpunkt keeps about it.
OFFER_VALUES = (
    "pk",
    "revision_of_id",
    "text_hash",
    *(name for name in OFFER_FIELDS if name not in ("provider", "category")),
    "published_at",
    "last_confirmed_at",
    "updated_at",
    "provider_id",
    "provider__name",
    "provider__is_public",
    "category_id",
    "category__slug",
    "category__name",
    "category__translations",
    "joined_language_codes",
    "joined_target_group_codes",
    "joined_places",
)


class OfferRow(SimpleNamespace):
    """An offer as the API reads it: plain values, no model (``api_rows_with_details``)."""

    @property
    def public_pk(self):
        """The id under which the offer is public (a pending change shows its original)."""
        return self.revision_of_id or self.pk

    get_cost_display = choice_display("cost", Cost)


class CategoryRow(SimpleNamespace):
    def label(self, language_code):
        return category_label(self.name, self.translations, language_code)


def api_rows(offers):
    """Return ``offers`` as the API reads them: plain values (``OFFER_VALUES``) with the
    provider and category joined, the codes of their languages and target groups as one text
    each and their places as JSON rows. Model instances cost more than the query."""
    return offers.annotate(
        joined_language_codes=joined_values(Offer.languages.through.objects, "spokenlanguage_id"),
        joined_target_group_codes=joined_values(
            Offer.target_groups.through.objects, "targetgroup_id"
        ),
        joined_places=joined_rows(OfferPlace.objects, *PLACE_FIELDS),
    ).values(*OFFER_VALUES)


def api_rows_with_details(rows, *, lang):
    """Return ``OfferRow``s for the ``rows`` of ``api_rows``, each with ``provider``,
    ``category``, ``language_codes``, ``target_group_codes``, ``place_rows`` and
    ``translation`` (into ``lang``, current or not; None for German or if missing)."""
    rows = list(rows)
    ids = [row["pk"] for row in rows]
    translations = {}
    if lang != "de" and ids:
        for translation in OfferTranslation.objects.filter(offer_id__in=ids, language=lang).only(
            "offer_id", "title", "summary", "description", "source_hash"
        ):
            translations[translation.offer_id] = translation
    offers = []
    for row in rows:
        offer = OfferRow(**{name: row[name] for name in OFFER_VALUES if "__" not in name})
        offer.provider = SimpleNamespace(
            pk=row["provider_id"], name=row["provider__name"], is_public=row["provider__is_public"]
        )
        offer.category = CategoryRow(
            pk=row["category_id"],
            slug=row["category__slug"],
            name=row["category__name"],
            translations=row["category__translations"],
        )
        offer.language_codes = sorted(split_joined(row["joined_language_codes"]))
        offer.target_group_codes = sorted(split_joined(row["joined_target_group_codes"]))
        offer.place_rows = [
            dict(zip(PLACE_FIELDS, place, strict=True))
            for place in sorted(row["joined_places"] or [], key=lambda place: place[0])
        ]
        offer.translation = translations.get(offer.pk)
        offers.append(offer)
    return offers


def offers_by_ids(*, district, ids):
    """Return the district's offers with these ids (the search has checked they are public)."""
    return Offer.objects.in_district(district).filter(pk__in=ids)


def offer_times(*, district, offer_id):
    return OfferTime.objects.in_district(district).filter(offer_id=offer_id)


def public_catalogue_search(**filters):
    """Search the public catalogue as its page does (``search.catalogue_search``)."""
    return catalogue_search(**filters)
