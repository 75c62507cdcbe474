"""Reads of the directory. Every function takes the district; lists are prefetched."""

from collections import defaultdict

from django.db.models import Case, Prefetch, Q, Value, When

from knotenpunkt.core.audit import history_of
from knotenpunkt.core.lifecycle import freshness
from knotenpunkt.core.roles import Role

from . import search
from .models import ContactPerson, LanguageCode, Organisation, serving_condition


def organisations_for_visitor(*, district, actor):
    """Return the organisations ``actor`` may see: public ones, or all for members."""
    from .permissions import can_view_internal

    organisations = Organisation.objects.in_district(district)
    if not can_view_internal(actor, district):
        organisations = organisations.public()
    return organisations


def contacts_for_visitor(*, district, actor):
    """Return the contacts ``actor`` may see: public ones, or all for members."""
    from .permissions import can_view_internal

    contacts = ContactPerson.objects.in_district(district)
    if not can_view_internal(actor, district):
        contacts = contacts.public()
    return contacts


def organisation_search(
    *, district, actor, query="", municipality=None, type="", topic=None, language=None
):
    """Return the organisations matching the filters, ready for a list page."""
    organisations = organisations_for_visitor(district=district, actor=actor)
    order = ["name", "pk"]
    if query:
        # The words of the query, their forms, typing errors and compounds (``search``).
        named, described = search.organisation_matches(district, query, using=organisations.db)
        organisations = organisations.filter(pk__in=named + described)
        # Those whose name has the words first. (Not when there are none: Django writes a
        # constant order as ``ORDER BY 1``, the first column.)
        if named and described:
            organisations = organisations.alias(
                kp_first=Case(When(pk__in=named, then=Value(0)), default=Value(1))
            )
            order.insert(0, "kp_first")
    if municipality is not None:
        organisations = organisations.serving(municipality)
    if type:
        organisations = organisations.filter(type=type)
    if topic is not None:
        organisations = organisations.on_topic(topic)
    if language is not None:
        organisations = organisations.speaking(language)
    # No join multiplies rows (filters are subqueries), so no DISTINCT: the paginator's
    # COUNT stays cheap. Languages for a page of results: ``with_language_labels``.
    return organisations.select_related("municipality").order_by(*order)


def with_language_labels(organisations):
    """Give each organisation ``language_labels``, the languages spoken, in one query.

    For a page of search results this is several times faster than ``prefetch_related``,
    which builds a related manager and a queryset per organisation.
    """
    organisations = list(organisations)
    codes = defaultdict(list)
    pairs = Organisation.languages.through.objects.filter(
        organisation__in=[organisation.pk for organisation in organisations]
    ).values_list("organisation_id", "spokenlanguage_id")
    for organisation_id, code in pairs.order_by("spokenlanguage_id"):
        codes[organisation_id].append(code)
    for organisation in organisations:
        organisation.language_labels = [
            str(LanguageCode(code).label) for code in codes[organisation.pk]
        ]
    return organisations


def organisation_detail(*, district, actor, pk):
    """Return one organisation with the contacts ``actor`` may see (404 via the caller)."""
    contacts = contacts_for_visitor(district=district, actor=actor).prefetch_related("languages")
    return (
        organisations_for_visitor(district=district, actor=actor)
        .select_related("municipality", "speaker")
        .prefetch_related(
            "languages",
            "topics",
            "municipalities",
            Prefetch("contacts", queryset=contacts, to_attr="visible_contacts"),
        )
        .get(pk=pk)
    )


def organisation_history(*, district, organisation):
    """Return the audit entries of ``organisation``, newest first."""
    return history_of(district=district, target=organisation)


def stale_organisations(*, district, today=None):
    """Return organisations not confirmed within the district's review period."""
    deadline = freshness.confirmation_deadline(district.directory_review_months, today)
    return (
        Organisation.objects.in_district(district)
        .filter(freshness.stale("last_confirmed_at", deadline))
        .select_related("municipality")
        .order_by("last_confirmed_at", "name")
    )


def count_stale_organisations(actor, district) -> int:
    """The home's panel: as many as the stale list shows."""
    return stale_organisations(district=district).count()


def own_organisation_panel(actor, district) -> dict:
    """The partner editor's organisation for the home, and whether it needs confirming."""
    from .affiliations import organisation_of

    organisation = organisation_of(user=actor, district=district, role=Role.PARTNER_EDITOR)
    return {
        "organisation": organisation,
        "is_stale": organisation is not None
        and stale_organisations(district=district).filter(pk=organisation.pk).exists(),
    }


def own_initiative_panel(actor, district) -> dict:
    from .affiliations import organisation_of

    return {"organisation": organisation_of(user=actor, district=district, role=Role.VOLUNTEER)}


# --- Public portal reads ---------------------------------------------------------------


def _is_visible(contact, *, member):
    """Whether a contact fetched without the visitor filter may be shown to the visitor."""
    return contact is not None and (
        member or (contact.is_public and contact.organisation.is_public)
    )


def contact_for_visitor(*, district, actor, pk):
    """Return one contact ``actor`` may see, with its organisation (404 via the caller)."""
    return (
        contacts_for_visitor(district=district, actor=actor)
        .select_related("organisation")
        .prefetch_related("languages")
        .get(pk=pk)
    )


def responsible_for_municipality(*, district, actor, municipality):
    """Return who is responsible in ``municipality``, grouped for the "who is responsible" page.

    A dict with the coordination points and the administration seated there; the volunteer
    initiatives, immigration authorities and migration counselling serving it; and the
    responsibility for integration management (provider, tandem with its visible members).
    """
    from .models import OrganisationType, Responsibility
    from .permissions import can_view_internal

    member = can_view_internal(actor, district)
    contacts = contacts_for_visitor(district=district, actor=actor)
    seated_types = [OrganisationType.COORDINATION_POINT, OrganisationType.MUNICIPAL_ADMINISTRATION]
    serving_types = [
        OrganisationType.VOLUNTEER_INITIATIVE,
        OrganisationType.IMMIGRATION_AUTHORITY,
        OrganisationType.MIGRATION_COUNSELLING,
    ]
    organisations = (
        organisations_for_visitor(district=district, actor=actor)
        .filter(
            Q(type__in=seated_types, municipality=municipality)
            | (Q(type__in=serving_types) & serving_condition(municipality))
        )
        .select_related("municipality")
        .prefetch_related(Prefetch("contacts", queryset=contacts, to_attr="visible_contacts"))
        .order_by("name")
    )
    groups = {kind: [] for kind in seated_types + serving_types}
    for organisation in organisations:
        groups[organisation.type].append(organisation)

    responsibility = (
        Responsibility.objects.in_district(district)
        .filter(municipality=municipality)
        .select_related("provider", "tandem__team")
        .prefetch_related(Prefetch("tandem__members", queryset=contacts, to_attr="visible_members"))
        .first()
    )
    provider = responsibility.provider if responsibility else None
    if provider is not None and not (member or provider.is_public):
        provider = None
    return {
        "coordination_points": groups[OrganisationType.COORDINATION_POINT],
        "administrations": groups[OrganisationType.MUNICIPAL_ADMINISTRATION],
        "initiatives": groups[OrganisationType.VOLUNTEER_INITIATIVE],
        "immigration_authorities": groups[OrganisationType.IMMIGRATION_AUTHORITY],
        "counselling": groups[OrganisationType.MIGRATION_COUNSELLING],
        "responsibility": responsibility,
        "provider": provider,
        "tandem": responsibility.tandem if responsibility else None,
    }


def initiatives_for_visitor(*, district, actor, municipality=None):
    """Return the volunteer initiatives (those serving ``municipality`` if given).

    Ordered by the municipality of their seat (none last), then by name, so that a template
    can group them; each has ``visible_contacts`` and the municipalities it serves.
    """
    from django.db.models import F

    from .models import OrganisationType

    contacts = contacts_for_visitor(district=district, actor=actor)
    initiatives = organisations_for_visitor(district=district, actor=actor).filter(
        type=OrganisationType.VOLUNTEER_INITIATIVE
    )
    if municipality is not None:
        initiatives = initiatives.serving(municipality)
    return (
        initiatives.select_related("municipality")
        .prefetch_related(
            "municipalities",
            Prefetch("contacts", queryset=contacts, to_attr="visible_contacts"),
        )
        .order_by(F("municipality__name").asc(nulls_last=True), "name")
    )


def office_units_with_staff(*, district, actor):
    """Return the units of the district office, each with ``visible_staff``.

    Each staff member has ``visible_deputy``: the deputy if the visitor may see them.
    """
    from .models import OfficeUnit
    from .permissions import can_view_internal

    member = can_view_internal(actor, district)
    staff = (
        contacts_for_visitor(district=district, actor=actor)
        .select_related("deputy__organisation")
        .prefetch_related("languages")
        .order_by("position", "name")
    )
    units = list(
        OfficeUnit.objects.in_district(district)
        .prefetch_related(Prefetch("staff", queryset=staff, to_attr="visible_staff"))
        .order_by("position", "name")
    )
    for unit in units:
        for person in unit.visible_staff:
            person.visible_deputy = (
                person.deputy if _is_visible(person.deputy, member=member) else None
            )
    return units


def integration_management_overview(*, district, actor):
    """Return the split of carriers and the municipalities with their responsibility.

    ``carriers`` is a list of (carrier, label, count) for every carrier; ``municipalities`` are
    ordered by region (none last) and name, each with ``visible_responsibility`` (or None),
    whose ``visible_provider`` and ``tandem.visible_members`` respect the visitor's rights.
    """
    from django.db.models import Count, F

    from knotenpunkt.districts.models import IntegrationManagementCarrier, Municipality

    from .models import Responsibility
    from .permissions import can_view_internal

    member = can_view_internal(actor, district)
    counts = dict(
        Municipality.objects.in_district(district)
        .values_list("integration_management")
        .annotate(n=Count("pk"))
        .order_by()
    )
    carriers = [
        (carrier, label, counts.get(carrier, 0))
        for carrier, label in IntegrationManagementCarrier.choices
    ]
    municipalities = list(
        Municipality.objects.in_district(district)
        .select_related("region")
        .order_by(F("region__name").asc(nulls_last=True), "name")
    )
    contacts = contacts_for_visitor(district=district, actor=actor)
    responsibilities = {
        responsibility.municipality_id: responsibility
        for responsibility in Responsibility.objects.in_district(district)
        .select_related("provider", "tandem__team")
        .prefetch_related(Prefetch("tandem__members", queryset=contacts, to_attr="visible_members"))
    }
    for municipality in municipalities:
        responsibility = responsibilities.get(municipality.pk)
        if responsibility is not None:
            provider = responsibility.provider
            responsibility.visible_provider = (
                provider if provider is not None and (member or provider.is_public) else None
            )
        municipality.visible_responsibility = responsibility
    return {
        "carriers": carriers,
        "total": sum(counts.values()),
        "municipalities": municipalities,
    }


# --- The public API's reads ------------------------------------------------------------


def organisations_for_filtering(*, district, offers):
    """Organisations one may filter offers by: public ones, and providers of ``offers``."""
    return Organisation.objects.in_district(district).filter(
        Q(is_public=True) | Q(pk__in=offers.values("provider_id"))
    )


def with_api_details(organisations):
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
