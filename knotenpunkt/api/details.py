"""Load what the API shows of a page of offers: few queries, and no model per related row.

``with_public_details`` (offers.selectors) prefetches through Django's related managers,
which builds a queryset per offer and relation; for a page of 100 offers that was most of
the API's time. Here the languages and target groups come with the offers, joined into one
text each and their places as JSON rows (``public_rows``), and translations only in the
language asked for.
"""

from collections import defaultdict
from types import SimpleNamespace

from knotenpunkt.core.expressions import joined_rows, joined_values, split_joined
from knotenpunkt.core.models import choice_display
from knotenpunkt.directory.models import Organisation
from knotenpunkt.offers.models import Cost, Offer, OfferPlace, OfferTranslation, category_label
from knotenpunkt.offers.services import OFFER_FIELDS

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
    """An offer as the API reads it: plain values, no model (``attach_details``)."""

    @property
    def public_pk(self):
        """The id under which the offer is public (a pending change shows its original)."""
        return self.revision_of_id or self.pk

    get_cost_display = choice_display("cost", Cost)


class CategoryRow(SimpleNamespace):
    def label(self, language_code):
        return category_label(self.name, self.translations, language_code)


def public_rows(offers):
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


def attach_details(rows, *, lang):
    """Return ``OfferRow``s for the ``rows`` of ``public_rows``, each with ``provider``,
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


def attach_organisation_details(organisations):
    """Give each organisation ``municipality_refs`` (served), ``language_codes`` and
    ``topic_codes``: three queries for the page."""
    organisations = list(organisations)
    ids = [organisation.pk for organisation in organisations]
    served = defaultdict(list)
    languages = defaultdict(list)
    topics = defaultdict(list)
    if ids:
        rows = (
            Organisation.municipalities.through.objects.filter(organisation_id__in=ids)
            .order_by("municipality__name", "municipality_id")
            .values_list("organisation_id", "municipality_id", "municipality__name")
        )
        for organisation_id, pk, name in rows:
            served[organisation_id].append({"id": pk, "name": name})
        for through, column, codes in (
            (Organisation.languages.through, "spokenlanguage_id", languages),
            (Organisation.topics.through, "topic_id", topics),
        ):
            pairs = through.objects.filter(organisation_id__in=ids).values_list(
                "organisation_id", column
            )
            for organisation_id, code in pairs.order_by(column):
                codes[organisation_id].append(code)
    for organisation in organisations:
        organisation.municipality_refs = served[organisation.pk]
        organisation.language_codes = languages[organisation.pk]
        organisation.topic_codes = topics[organisation.pk]
    return organisations
