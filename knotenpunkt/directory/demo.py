"""A realistic, fictional directory for the demo district.

Structured like the directory of a real German district: every municipality with its
administration, most with a coordination point, volunteer initiatives, the usual partners,
the district office with its units, and three regional integration-management teams.

Every person is generated with Faker's de_DE locale from a fixed seed; phone numbers use
the fictional area code 07999 and e-mail addresses end in ``.example``. Loading is
idempotent: organisations are found again by name, contacts by their place in the
organisation, units, teams and tandems by name.
"""

import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from knotenpunkt.accounts.models import Membership
from knotenpunkt.core.roles import Role
from knotenpunkt.districts.models import IntegrationManagementCarrier, Municipality, Region

from . import affiliations
from .models import (
    ContactPerson,
    IntegrationTeam,
    LanguageCode,
    OfficeUnit,
    Organisation,
    OrganisationType,
    Responsibility,
    SpokenLanguage,
    Tandem,
    Topic,
    TopicCode,
)

T = OrganisationType
SEED = 4712
AREA_CODE = "07999"  # not assigned in Germany: safe for demo phone numbers
STALE_EVERY = 10  # every tenth organisation was last confirmed more than 12 months ago

# Languages people speak besides German, weighted roughly by how often they are offered.
EXTRA_LANGUAGES = ["en"] * 6 + ["ar"] * 4 + ["uk"] * 4 + ["ru"] * 3 + ["fa"] * 3 + ["tr"] * 3
EXTRA_LANGUAGES += ["fr", "fr", "ku", "ps", "ti", "so", "es", "it", "pl", "ro", "sq", "sh"]

TOPICS_BY_TYPE = {
    T.DISTRICT_OFFICE: ["counselling", "law_residence", "housing", "volunteering"],
    T.MUNICIPAL_ADMINISTRATION: ["housing", "law_residence"],
    T.COORDINATION_POINT: ["volunteering", "counselling", "leisure"],
    T.VOLUNTEER_INITIATIVE: ["volunteering", "leisure", "language", "children_family"],
    T.WELFARE_ASSOCIATION: ["counselling", "children_family", "housing", "health"],
    T.CHURCH: ["leisure", "children_family", "volunteering"],
    T.SCHOOL: ["school_education", "language", "children_family"],
    T.VOCATIONAL_SCHOOL: ["school_education", "training_work", "language"],
    T.ADULT_EDUCATION: ["language", "school_education"],
    T.CHAMBER: ["training_work"],
    T.JOBCENTER: ["training_work", "counselling"],
    T.EMPLOYMENT_AGENCY: ["training_work", "counselling"],
    T.IMMIGRATION_AUTHORITY: ["law_residence"],
    T.MIGRATION_COUNSELLING: ["counselling", "law_residence", "training_work"],
    T.LANGUAGE_COURSE_PROVIDER: ["language"],
    T.HEALTH_OFFICE: ["health", "children_family"],
    T.POLICE: ["law_residence"],
    T.BAMF: ["law_residence", "language"],
    T.INTEGRATION_MANAGEMENT_PROVIDER: ["counselling", "housing", "training_work"],
    T.MIGRANT_ORGANISATION: ["leisure", "language", "children_family", "volunteering"],
    T.OTHER: ["leisure", "housing"],
}

DESCRIPTIONS = {
    T.DISTRICT_OFFICE: "Das Migrationsamt koordiniert Unterbringung, Flüchtlingssozialarbeit, "
    "Integrationsmanagement und das Netzwerk der Ehrenamtlichen im Landkreis.",
    T.MUNICIPAL_ADMINISTRATION: "Bürgerbüro, Meldewesen und Anschlussunterbringung. "
    "Erste Anlaufstelle für neu zugezogene Menschen in {place}.",
    T.COORDINATION_POINT: "Die Koordinationsstelle verbindet Ehrenamtliche, Verwaltung und "
    "Beratungsdienste in {place} und vermittelt Patenschaften.",
    T.VOLUNTEER_INITIATIVE: "Ehrenamtliche begleiten Geflüchtete in {place}: Hilfe bei "
    "Behördengängen, Hausaufgabenhilfe, Sprachpatenschaften und gemeinsame Ausflüge.",
    T.WELFARE_ASSOCIATION: "Beratung für Familien, Migrationsberatung, Schuldner- und "
    "Sozialberatung sowie Begleitung von Ehrenamtlichen.",
    T.CHURCH: "Die Gemeinde bietet offene Treffs, eine Kleiderkammer und Räume für "
    "Sprachkurse und Begegnungen.",
    T.SCHOOL: "Vorbereitungsklassen (VKL) für Kinder ohne Deutschkenntnisse und "
    "Hausaufgabenbetreuung am Nachmittag.",
    T.VOCATIONAL_SCHOOL: "VABO-Klassen für junge Zugewanderte, Ausbildungsvorbereitung "
    "und berufliche Bildungsgänge.",
    T.ADULT_EDUCATION: "Integrationskurse, Alphabetisierungskurse, Berufssprachkurse und "
    "Einstufungstests.",
    T.CHAMBER: "Beratung zur Anerkennung ausländischer Berufsabschlüsse und zu Ausbildung "
    "und Einstiegsqualifizierung.",
    T.JOBCENTER: "Leistungen nach dem SGB II, Vermittlung in Arbeit und Ausbildung, "
    "Förderung von Sprachkursen.",
    T.EMPLOYMENT_AGENCY: "Berufsberatung, Arbeitsvermittlung und Beratung zur Anerkennung "
    "von Abschlüssen.",
    T.IMMIGRATION_AUTHORITY: "Aufenthaltstitel, Verlängerungen, Beschäftigungserlaubnisse "
    "und Einbürgerung. Termine nur nach Vereinbarung.",
    T.MIGRATION_COUNSELLING: "Kostenlose und vertrauliche Beratung für Zugewanderte zu "
    "Sprache, Arbeit, Wohnen, Familie und Aufenthalt.",
    T.LANGUAGE_COURSE_PROVIDER: "Integrationskurse, Berufssprachkurse (DeuFöV) und "
    "Prüfungen (DTZ, telc).",
    T.HEALTH_OFFICE: "Schuleingangsuntersuchungen, Impfberatung, Infektionsschutz und "
    "sozialpsychiatrischer Dienst.",
    T.POLICE: "Ansprechpartner für Sicherheit, Prävention und Opferschutz.",
    T.BAMF: "Zulassung zum Integrationskurs, Asylverfahren und Regionalkoordination.",
    T.INTEGRATION_MANAGEMENT_PROVIDER: "Integrationsmanagement im Auftrag der Gemeinden: "
    "individuelle Beratung und Integrationsplan für Geflüchtete in der Anschlussunterbringung.",
    T.MIGRANT_ORGANISATION: "Verein von und für Zugewanderte: Kultur, Sprache, Beratung "
    "unter Landsleuten und Begegnung mit Einheimischen.",
    T.OTHER: "Lebensmittel, Kleidung und Möbel für Menschen mit geringem Einkommen.",
}

INITIATIVE_KINDS = [
    "Helferkreis Asyl",
    "Arbeitskreis Asyl",
    "Café International",
    "Freundeskreis Flüchtlinge",
    "Netzwerk Willkommen",
    "Begegnungscafé",
    "Sprachpaten",
    "Helferkreis Integration",
]

OFFICE_UNITS = [
    ("Migrationsamt – Leitung", "Leitung des Migrationsamts, Grundsatzfragen", 2),
    ("Flüchtlingssozialdienst", "Soziale Betreuung in den Gemeinschaftsunterkünften", 4),
    ("Integrationsmanagement", "Regionale Teams des Integrationsmanagements", 0),
    ("Koordination Ehrenamt", "Begleitung der Helferkreise, Fortbildungen, Ehrenamtspauschale", 2),
    ("Ausländerbehörde", "Aufenthalt, Beschäftigungserlaubnis, Einbürgerung", 4),
    ("Unterbringung", "Gemeinschaftsunterkünfte und Verteilung auf die Gemeinden", 2),
]
UNIT_FUNCTIONS = {
    "Migrationsamt – Leitung": ["Amtsleitung", "Stellvertretende Amtsleitung"],
    "Flüchtlingssozialdienst": ["Sachgebietsleitung", "Sozialarbeiterin", "Sozialarbeiter"],
    "Koordination Ehrenamt": ["Koordinatorin Ehrenamt", "Koordinator Ehrenamt"],
    "Ausländerbehörde": ["Sachgebietsleitung", "Sachbearbeitung Aufenthalt A–K"],
    "Unterbringung": ["Sachgebietsleitung", "Sachbearbeitung Unterbringung"],
}


@dataclass
class _Context:
    district: object
    fake: Faker
    rng: random.Random
    today: object
    languages: dict
    topics: dict
    counts: dict = field(default_factory=dict)
    org_index: int = 0
    positions: dict = field(default_factory=dict)


def _domain(name):
    return slugify(name.replace("ß", "ss"))[:50].strip("-") + ".example"


def _phone(ctx):
    return f"{AREA_CODE} {ctx.rng.randint(1000, 9899)}-{ctx.rng.randint(0, 99):02d}"


def _languages(ctx, extra_max):
    codes = ["de"] + ctx.rng.sample(EXTRA_LANGUAGES, ctx.rng.randint(0, extra_max))
    return [ctx.languages[code] for code in dict.fromkeys(codes)]


def _confirmed_at(ctx):
    """Spread the last confirmation; every STALE_EVERY-th entry is older than 12 months."""
    ctx.org_index += 1
    if ctx.org_index % STALE_EVERY == 3:
        return ctx.today - timedelta(days=ctx.rng.randint(380, 720))
    return ctx.today - timedelta(days=ctx.rng.randint(3, 330))


def _upsert(queryset, lookup, values):
    """Update the first row matching ``lookup`` or create it; never duplicate."""
    instance = queryset.filter(**lookup).order_by("pk").first()
    if instance is None:
        return queryset.model.objects.create(**lookup, **values)
    for name, value in values.items():
        setattr(instance, name, value)
    instance.save()
    return instance


def organisation(
    ctx,
    *,
    name,
    type,
    seat=None,
    served=(),
    whole_district=False,
    street="",
    public=True,
    extra_languages=2,
):
    """Create or update one organisation with its languages, topics and municipalities."""
    place = seat.name if seat else ctx.district.office_city
    domain = _domain(name)
    if seat is not None:
        index = int(seat.official_key[-3:])
        postal_code, city = f"79{900 + index:03d}", seat.name
    else:
        postal_code, city = ctx.district.office_postal_code, ctx.district.office_city
    values = {
        "district": ctx.district,
        "type": type,
        "municipality": seat,
        "street": street or ctx.fake.street_address(),
        "postal_code": postal_code,
        "city": city,
        "phone": _phone(ctx),
        "fax": _phone(ctx) if type not in (T.VOLUNTEER_INITIATIVE, T.MIGRANT_ORGANISATION) else "",
        "email": f"info@{domain}",
        "website": f"https://www.{domain}" if type != T.VOLUNTEER_INITIATIVE else "",
        "opening_hours": (
            "Nach Vereinbarung"
            if type in (T.VOLUNTEER_INITIATIVE, T.MIGRANT_ORGANISATION)
            else "Mo–Fr 8:30–12:00 Uhr\nDo 14:00–17:30 Uhr"
        ),
        "description": DESCRIPTIONS[type].format(place=place),
        "serves_whole_district": whole_district,
        "is_public": public,
        "last_confirmed_at": _confirmed_at(ctx),
    }
    org = _upsert(Organisation.objects.filter(district=ctx.district), {"name": name}, values)
    org.languages.set(_languages(ctx, extra_languages))
    topics = TOPICS_BY_TYPE[type]
    org.topics.set([ctx.topics[code] for code in topics[: ctx.rng.randint(1, len(topics))]])
    org.municipalities.set(served or ([seat] if seat and not whole_district else []))
    ctx.counts[type] = ctx.counts.get(type, 0) + 1
    ctx.positions[org.pk] = 0
    return org


def contact(ctx, org, *, function, public=True, unit=None, deputy=None, title=""):
    """Create or update the next contact of ``org`` with a fictional name."""
    first, last = ctx.fake.first_name(), ctx.fake.last_name()
    name = f"{title} {first} {last}".strip()
    local = ".".join(slugify(part.replace("ß", "ss")) for part in (first, last))
    position = ctx.positions[org.pk]
    ctx.positions[org.pk] += 1
    values = {
        "district": ctx.district,
        "name": name,
        "function": function,
        "phone": _phone(ctx),
        "fax": "",
        "email": f"{local}@{_domain(org.name)}",
        "office_hours": ctx.rng.choice(["", "Di 9–12 Uhr", "Mo und Do 14–16 Uhr", "Mi 9–11 Uhr"]),
        "is_public": public,
        "unit": unit,
        "deputy": deputy,
    }
    person = _upsert(
        ContactPerson.objects.all(), {"organisation": org, "position": position}, values
    )
    person.languages.set(_languages(ctx, 2))
    return person


def _reference_rows(model, codes):
    """Return {code: row}; create rows a flushed test database lacks (data migration)."""
    model.objects.bulk_create([model(code=code) for code in codes], ignore_conflicts=True)
    return {row.code: row for row in model.objects.all()}


@transaction.atomic
def load_directory_demo(district) -> dict:
    """Create or update the demo directory of ``district``; return counts by kind."""
    fake = Faker("de_DE")
    fake.seed_instance(SEED)
    ctx = _Context(
        district=district,
        fake=fake,
        rng=random.Random(SEED),  # noqa: S311  (demo data, not security)
        today=timezone.localdate(),
        languages=_reference_rows(SpokenLanguage, LanguageCode.values),
        topics=_reference_rows(Topic, TopicCode.values),
    )
    municipalities = list(
        Municipality.objects.in_district(district).select_related("region").order_by("official_key")
    )
    regions = list(Region.objects.in_district(district).order_by("name"))
    # Region centres: the first municipality of each region hosts regional partners.
    centres = {}
    for municipality in municipalities:
        centres.setdefault(municipality.region_id, municipality)
    centre_list = list(centres.values()) or municipalities[:1]
    short = district.name.removeprefix("Landkreis ")

    def org(**kwargs):
        return organisation(ctx, **kwargs)

    # The district office and its staff directory.
    office = org(
        name=f"Landratsamt {short}",
        type=T.DISTRICT_OFFICE,
        whole_district=True,
        street=district.office_street,
        extra_languages=3,
    )
    units = {}
    for position, (unit_name, description, staff) in enumerate(OFFICE_UNITS):
        unit = _upsert(
            OfficeUnit.objects.filter(district=district),
            {"name": unit_name},
            {"district": district, "description": description, "position": position},
        )
        units[unit_name] = unit
        people = []
        functions = UNIT_FUNCTIONS.get(unit_name, ["Sachbearbeitung"])
        for index in range(staff):
            people.append(
                contact(
                    ctx,
                    office,
                    function=functions[min(index, len(functions) - 1)],
                    unit=unit,
                    public=index < staff - 1 or staff <= 2,
                )
            )
        # Deputies: the first two of each unit stand in for each other.
        if len(people) >= 2:
            for person, deputy in ((people[0], people[1]), (people[1], people[0])):
                if person.deputy_id != deputy.pk:
                    person.deputy = deputy
                    person.save(update_fields=["deputy"])

    # Municipal administrations and coordination points.
    coordination_points = {}
    for index, municipality in enumerate(municipalities):
        admin = org(
            name=f"Gemeindeverwaltung {municipality.name}",
            type=T.MUNICIPAL_ADMINISTRATION,
            seat=municipality,
            street=ctx.rng.choice(["Rathausplatz 1", "Marktplatz 1", "Hauptstraße 1"]),
            extra_languages=1,
        )
        contact(ctx, admin, function="Bürgermeisterin" if index % 3 else "Bürgermeister")
        contact(ctx, admin, function="Hauptamt, Anschlussunterbringung")
        if index % 7 != 3:  # about 45 of 53 municipalities have a coordination point
            point = org(
                name=f"Koordinationsstelle Integration {municipality.name}",
                type=T.COORDINATION_POINT,
                seat=municipality,
            )
            contact(ctx, point, function="Koordination Flüchtlingsarbeit und Ehrenamt")
            coordination_points[municipality.pk] = point

    # Volunteer initiatives: with a speaker where there is a coordination point; a dozen
    # without speaker in municipalities without one (later capabilities invite those).
    without_point = [m for m in municipalities if m.pk not in coordination_points]
    speakerless = 0
    for index, municipality in enumerate(municipalities):
        if municipality.pk in coordination_points:
            count = 1 + (index % 3 == 0) + (index % 5 == 0)
        else:
            count = 2 if without_point.index(municipality) < 12 - len(without_point) else 1
        for number in range(count):
            kind = INITIATIVE_KINDS[(index + number * 3) % len(INITIATIVE_KINDS)]
            initiative = org(
                name=f"{kind} {municipality.name}",
                type=T.VOLUNTEER_INITIATIVE,
                seat=municipality,
                public=(index + number) % 13 != 5,
            )
            if municipality.pk in coordination_points:
                speaker = contact(
                    ctx, initiative, function="Sprecherin" if number else "Sprecher", public=False
                )
                if number == 0 and index % 4 == 0:
                    contact(ctx, initiative, function="Sprachpatenschaften", public=False)
            else:
                speaker = None
                speakerless += 1
            if initiative.speaker_id != getattr(speaker, "pk", None):
                initiative.speaker = speaker
                initiative.save(update_fields=["speaker"])

    # Partners.
    first, second, third = (centre_list * 3)[:3]
    partners = [
        (f"Caritasverband {short} e. V.", T.WELFARE_ASSOCIATION, first, True),
        (f"Diakonisches Werk im Landkreis {short}", T.WELFARE_ASSOCIATION, second, True),
        (f"AWO Kreisverband {short} e. V.", T.WELFARE_ASSOCIATION, first, True),
        (f"DRK-Kreisverband {short} e. V.", T.WELFARE_ASSOCIATION, third, True),
        (f"Integrationsdienste {short} gGmbH", T.INTEGRATION_MANAGEMENT_PROVIDER, first, False),
        (f"Volkshochschule {short}", T.ADULT_EDUCATION, first, True),
        (f"Volkshochschule {second.name}", T.ADULT_EDUCATION, second, False),
        (f"Jobcenter Landkreis {short}", T.JOBCENTER, first, True),
        (f"Agentur für Arbeit {short}", T.EMPLOYMENT_AGENCY, first, True),
        (f"Ausländerbehörde Landkreis {short}", T.IMMIGRATION_AUTHORITY, None, True),
        (f"Ausländerbehörde der Großen Kreisstadt {second.name}", T.IMMIGRATION_AUTHORITY,
         second, False),
        (f"Migrationsberatung für Erwachsene (MBE) – Caritas {short}", T.MIGRATION_COUNSELLING,
         first, True),
        (f"Migrationsberatung für Erwachsene (MBE) – Diakonie {short}", T.MIGRATION_COUNSELLING,
         second, True),
        (f"Jugendmigrationsdienst (JMD) {short}", T.MIGRATION_COUNSELLING, third, True),
        (f"Sprachinstitut Lingua {short}", T.LANGUAGE_COURSE_PROVIDER, first, True),
        (f"Bildungswerk Kompass {second.name} gGmbH", T.LANGUAGE_COURSE_PROVIDER, second, True),
        (f"Sprachschule Brücke {third.name}", T.LANGUAGE_COURSE_PROVIDER, third, False),
        (f"Gesundheitsamt Landkreis {short}", T.HEALTH_OFFICE, None, True),
        (f"Polizeirevier {first.name}", T.POLICE, first, False),
        (f"Polizeirevier {second.name}", T.POLICE, second, False),
        (f"Polizeirevier {third.name}", T.POLICE, third, False),
        (f"BAMF – Regionalkoordination {short}", T.BAMF, None, True),
        (f"IHK Region {short} – Anerkennungsberatung", T.CHAMBER, first, True),
        (f"Handwerkskammer {short} – Ausbildungsberatung", T.CHAMBER, second, True),
        (f"Berufliches Schulzentrum {short}", T.VOCATIONAL_SCHOOL, first, True),
        (f"Gewerbliche und Hauswirtschaftliche Schule {third.name}", T.VOCATIONAL_SCHOOL,
         third, False),
        (f"Tafelladen {short} e. V.", T.OTHER, first, False),
        (f"Deutsch-Syrischer Kulturverein {short} e. V.", T.MIGRANT_ORGANISATION, first, True),
        (f"Ukrainische Gemeinschaft {short} e. V.", T.MIGRANT_ORGANISATION, second, True),
        (f"Afghanischer Kulturverein {third.name} e. V.", T.MIGRANT_ORGANISATION, third, False),
        (f"Internationaler Frauentreff {second.name}", T.MIGRANT_ORGANISATION, second, False),
    ]  # fmt: skip
    schools = [
        ("Grundschule", 0), ("Gemeinschaftsschule", 1), ("Realschule", 4), ("Gymnasium", 7),
        ("Grundschule", 10), ("Grundschule", 14), ("Werkrealschule", 20), ("Grundschule", 26),
        ("Gemeinschaftsschule", 33), ("Grundschule", 41),
    ]  # fmt: skip
    for kind, index in schools:
        seat = municipalities[index % len(municipalities)]
        partners.append((f"{kind} {seat.name}", T.SCHOOL, seat, False))
    for index in range(0, len(municipalities), 9):
        seat = municipalities[index]
        partners.append((f"Evangelische Kirchengemeinde {seat.name}", T.CHURCH, seat, False))
        seat = municipalities[(index + 4) % len(municipalities)]
        partners.append((f"Katholische Seelsorgeeinheit {seat.name}", T.CHURCH, seat, False))

    created = {}
    for position, (name, kind, seat, whole) in enumerate(partners):
        partner = org(
            name=name,
            type=kind,
            seat=seat,
            whole_district=whole,
            public=not (kind == T.MIGRANT_ORGANISATION and position % 2),
            extra_languages=4 if kind in (T.MIGRATION_COUNSELLING, T.MIGRANT_ORGANISATION) else 2,
        )
        created[name] = partner
        for number in range(1 + position % 3):
            contact(
                ctx,
                partner,
                function=["Leitung", "Beratung", "Sekretariat"][number],
                public=(position + number) % 4 != 1,
            )

    # Integration management: one team per region with two tandems of two managers each.
    caritas = created[f"Caritasverband {short} e. V."]
    provider = created[f"Integrationsdienste {short} gGmbH"]
    for _number in range(2):
        contact(ctx, provider, function="Integrationsmanagerin", public=True)
    tandems_by_region = {}
    unit = units["Integrationsmanagement"]
    for region in regions:
        team = _upsert(
            IntegrationTeam.objects.filter(district=district),
            {"name": f"Integrationsmanagement {region.name}"},
            {"district": district, "region": region},
        )
        tandems = []
        for number in (1, 2):
            tandem = _upsert(
                Tandem.objects.filter(district=district, team=team),
                {"name": f"Tandem {region.name} {number}"},
                {"district": district, "team": team},
            )
            members = [
                contact(ctx, office, function="Integrationsmanagerin", unit=unit),
                contact(ctx, office, function="Integrationsmanager", unit=unit),
            ]
            tandem.members.set(members)
            tandems.append(tandem)
        tandems_by_region[region.pk] = tandems
    provider_index = 0
    for index, municipality in enumerate(municipalities):
        tandem = carrier_org = None
        if municipality.integration_management == IntegrationManagementCarrier.DISTRICT:
            region_tandems = tandems_by_region.get(municipality.region_id) or [None]
            tandem = region_tandems[index % len(region_tandems)]
        elif municipality.integration_management == IntegrationManagementCarrier.PROVIDER:
            carrier_org = caritas if provider_index == 2 else provider
            provider_index += 1
        _upsert(
            Responsibility.objects.all(),
            {"municipality": municipality},
            {"district": district, "tandem": tandem, "provider": carrier_org},
        )
        if carrier_org is not None:
            carrier_org.municipalities.add(municipality)

    ctx.counts["speakerless_initiatives"] = speakerless
    ctx.counts["contacts"] = ContactPerson.objects.in_district(district).count()
    ctx.counts["organisations"] = Organisation.objects.in_district(district).count()
    return ctx.counts


def partner_organisation(district):
    """Return the demo organisation the demo partner editor edits (the Caritas-like one)."""
    short = district.name.removeprefix("Landkreis ")
    return Organisation.objects.in_district(district).get(name=f"Caritasverband {short} e. V.")


def volunteer_initiative(district):
    """Return the demo initiative the demo volunteer helps in: the first of the demo
    municipal coordinator's municipality, else the first of the district."""
    initiatives = Organisation.objects.in_district(district).filter(
        type=OrganisationType.VOLUNTEER_INITIATIVE
    )
    coordinator = (
        Membership.objects.in_district(district).filter(role=Role.MUNICIPAL_COORDINATOR).first()
    )
    if coordinator is not None and coordinator.municipality_id:
        local = initiatives.filter(municipality=coordinator.municipality_id).order_by("name")
        if local.exists():
            return local.first()
    return initiatives.order_by("name").first()


def bind_demo_people(district) -> None:
    """Link the demo partner editor to the Caritas-like organisation and the demo volunteer
    to an initiative (``Affiliation``)."""
    bindings = {
        Role.PARTNER_EDITOR: partner_organisation(district),
        Role.VOLUNTEER: volunteer_initiative(district),
    }
    for role, organisation in bindings.items():
        for membership in Membership.objects.in_district(district).filter(role=role):
            if organisation is not None:
                affiliations.bind(membership, organisation)


def load_directory_demo_everywhere() -> None:
    """The demo loader: the directory of the demo district, and its people's organisations."""
    from knotenpunkt.districts.demo import demo_district

    district = demo_district()
    load_directory_demo(district)
    bind_demo_people(district)
