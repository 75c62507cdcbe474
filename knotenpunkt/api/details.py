"""Load what the API shows of a page of offers: few queries, and no model per related row.

``with_public_details`` (offers.selectors) prefetches through Django's related managers,
which builds a queryset per offer and relation; for a page of 100 offers that was most of
the API's time. Here the languages and target groups come with the offers, joined into one
text each and their places as JSON rows (``public_rows``), and translations only in the
language asked for.
"""

from collections import defaultdict

from knotenpunkt.core.expressions import joined_rows, joined_values, split_joined
from knotenpunkt.directory.models import Organisation
from knotenpunkt.offers.models import Offer, OfferPlace, OfferTranslation

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


def public_rows(offers):
    """Return ``offers`` as the API reads them: provider and category joined, the codes of
    their languages and target groups as one text each."""
    # The search text is the largest column, and no answer shows it.
    return (
        offers.select_related("provider", "category")
        .defer("search_text")
        .annotate(
            joined_language_codes=joined_values(
                Offer.languages.through.objects, "spokenlanguage_id"
            ),
            joined_target_group_codes=joined_values(
                Offer.target_groups.through.objects, "targetgroup_id"
            ),
            joined_places=joined_rows(OfferPlace.objects, *PLACE_FIELDS),
        )
    )


def attach_details(offers, *, lang):
    """Give each offer (from ``public_rows``) ``language_codes``, ``target_group_codes``,
    ``place_rows`` and ``translation`` (into ``lang``, current or not; None for German or if
    missing)."""
    offers = list(offers)
    ids = [offer.pk for offer in offers]
    translations = {}
    if lang != "de" and ids:
        for translation in OfferTranslation.objects.filter(offer_id__in=ids, language=lang).only(
            "offer_id", "title", "summary", "description", "source_hash"
        ):
            translations[translation.offer_id] = translation
    for offer in offers:
        offer.language_codes = sorted(split_joined(offer.joined_language_codes))
        offer.target_group_codes = sorted(split_joined(offer.joined_target_group_codes))
        offer.place_rows = [
            dict(zip(PLACE_FIELDS, row, strict=True))
            for row in sorted(offer.joined_places or [], key=lambda row: row[0])
        ]
        offer.translation = translations.get(offer.pk)
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
