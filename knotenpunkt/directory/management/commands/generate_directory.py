"""Fill one district's directory with many fictional organisations and contacts.

For benchmarks and load tests, not for the demo (``load_demo`` builds that). Rows are
written with ``bulk_create`` in batches; many-to-many rows go straight into the through
tables. All people are fictional (Faker de_DE), phone numbers use the unassigned area
code 07999, e-mail addresses end in ``.example``.
"""

import random
import time
from collections import Counter
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from knotenpunkt.directory.demo import (
    AREA_CODE,
    DESCRIPTIONS,
    EXTRA_LANGUAGES,
    INITIATIVE_KINDS,
    TOPICS_BY_TYPE,
)
from knotenpunkt.directory.models import ContactPerson, Organisation, OrganisationType
from knotenpunkt.districts.models import District, Municipality

T = OrganisationType

# How often each type occurs, roughly as in a real district's directory.
TYPE_WEIGHTS = {
    T.VOLUNTEER_INITIATIVE: 22, T.SCHOOL: 14, T.CHURCH: 10, T.WELFARE_ASSOCIATION: 8,
    T.MIGRANT_ORGANISATION: 6, T.LANGUAGE_COURSE_PROVIDER: 5, T.MUNICIPAL_ADMINISTRATION: 5,
    T.COORDINATION_POINT: 4, T.MIGRATION_COUNSELLING: 4, T.VOCATIONAL_SCHOOL: 3,
    T.ADULT_EDUCATION: 3, T.OTHER: 3, T.INTEGRATION_MANAGEMENT_PROVIDER: 2, T.CHAMBER: 2,
    T.JOBCENTER: 1, T.EMPLOYMENT_AGENCY: 1, T.IMMIGRATION_AUTHORITY: 1, T.HEALTH_OFFICE: 1,
    T.POLICE: 2, T.BAMF: 1, T.DISTRICT_OFFICE: 1,
}  # fmt: skip

NAME_PATTERNS = {
    T.VOLUNTEER_INITIATIVE: [f"{kind} {{place}}" for kind in INITIATIVE_KINDS],
    T.SCHOOL: ["Grundschule {place}", "Gemeinschaftsschule {place}", "Realschule {place}",
               "Gymnasium {place}", "Werkrealschule {place}", "{name}-Schule {place}"],
    T.CHURCH: ["Evangelische Kirchengemeinde {place}", "Katholische Kirchengemeinde St. {saint}",
               "Seelsorgeeinheit {place}", "Evangelisch-methodistische Gemeinde {place}"],
    T.WELFARE_ASSOCIATION: ["Caritas-Sozialstation {place}", "Diakonieladen {place}",
                            "AWO Ortsverein {place} e. V.", "DRK-Ortsverein {place} e. V.",
                            "Sozialberatung {place}"],
    T.MIGRANT_ORGANISATION: ["Deutsch-Syrischer Verein {place} e. V.", "Ukrainischer Treff {place}",
                             "Afrikanischer Kulturverein {place} e. V.",
                             "Türkisch-Deutscher Elternverein {place}",
                             "Kurdisches Kulturzentrum {place}",
                             "Internationaler Frauentreff {place}"],
    T.LANGUAGE_COURSE_PROVIDER: ["Sprachschule {name} {place}", "Sprachinstitut {place}",
                                 "Bildungszentrum {name} gGmbH"],
    T.MUNICIPAL_ADMINISTRATION: ["Gemeindeverwaltung {place}", "Bürgerbüro {place}"],
    T.COORDINATION_POINT: ["Koordinationsstelle Integration {place}",
                           "Ehrenamtskoordination {place}"],
    T.MIGRATION_COUNSELLING: ["Migrationsberatung (MBE) {place}", "Jugendmigrationsdienst {place}"],
    T.VOCATIONAL_SCHOOL: ["Berufliche Schule {place}", "Gewerbliche Schule {place}",
                          "Kaufmännische Schule {place}"],
    T.ADULT_EDUCATION: ["Volkshochschule {place}", "VHS-Außenstelle {place}"],
    T.OTHER: ["Tafelladen {place}", "Kleiderkammer {place}", "Möbelbörse {place}",
              "Familienzentrum {place}", "Mehrgenerationenhaus {place}"],
    T.INTEGRATION_MANAGEMENT_PROVIDER: ["Integrationsdienste {place} gGmbH",
                                        "Integrationsmanagement {place}"],
    T.CHAMBER: ["IHK-Geschäftsstelle {place}", "Handwerkskammer – Beratungsstelle {place}"],
    T.JOBCENTER: ["Jobcenter – Standort {place}"],
    T.EMPLOYMENT_AGENCY: ["Agentur für Arbeit – Geschäftsstelle {place}"],
    T.IMMIGRATION_AUTHORITY: ["Ausländerbehörde {place}"],
    T.HEALTH_OFFICE: ["Gesundheitsamt – Außenstelle {place}"],
    T.POLICE: ["Polizeirevier {place}", "Polizeiposten {place}"],
    T.BAMF: ["BAMF – Regionalstelle {place}"],
    T.DISTRICT_OFFICE: ["Landratsamt – Außenstelle {place}"],
}  # fmt: skip

EXTRA_SENTENCES = [
    "Wir freuen uns über neue Ehrenamtliche.",
    "Termine bitte vorab telefonisch vereinbaren.",
    "Die Beratung ist kostenlos und vertraulich.",
    "Barrierefreier Zugang über den Seiteneingang.",
    "Dolmetscherinnen und Dolmetscher können vermittelt werden.",
    "Angebote auch in leichter Sprache.",
    "Kinderbetreuung während der Kurse ist möglich.",
    "Treffpunkt ist jeden zweiten Donnerstag im Gemeindehaus.",
]
SAINTS = ["Martin", "Michael", "Maria", "Georg", "Johannes", "Stephan", "Elisabeth", "Nikolaus"]
FUNCTIONS = [
    "Leitung", "Beratung", "Sekretariat", "Sozialarbeit", "Koordination", "Sprecherin",
    "Sprecher", "Sachbearbeitung", "Schulleitung", "Pfarrer", "Pfarrerin", "Kursleitung",
]  # fmt: skip


class Command(BaseCommand):
    help = "Generate many fictional organisations and contacts in one district (benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--district", required=True, help="slug of the district")
        parser.add_argument("--organisations", type=int, default=5000)
        parser.add_argument("--contacts", type=int, default=20000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument(
            "--type",
            default="",
            choices=OrganisationType.values,
            help="generate only organisations of this type (default: a realistic mix)",
        )

    def handle(self, *args, district, organisations, contacts, seed, batch_size, **options):
        only_type = options.get("type") or ""
        try:
            district = District.objects.get(slug=district)
        except District.DoesNotExist as exc:
            raise CommandError(f"No district with the slug {district!r}.") from exc
        municipalities = list(Municipality.objects.in_district(district))
        if not municipalities:
            raise CommandError("The district has no municipalities; run load_demo first.")
        started = time.perf_counter()
        generator = _Generator(district, municipalities, seed)
        with transaction.atomic():
            created = generator.organisations(organisations, batch_size, only_type)
            generator.contacts(created, contacts, batch_size)
        _update_statistics()
        if options.get("verbosity", 1) < 1:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{organisations} organisations and {contacts} contacts in {district.name} "
                f"generated in {time.perf_counter() - started:.1f} s."
            )
        )


def _update_statistics():
    """Let the query planner know the new row counts (as autovacuum would, later).

    Right after a bulk insert PostgreSQL still plans for the old, tiny tables.
    """
    from django.db import connection

    tables = [model._meta.db_table for model in (Organisation, ContactPerson)]
    tables += [Organisation.languages.through._meta.db_table]
    tables += [Organisation.topics.through._meta.db_table]
    tables += [Organisation.municipalities.through._meta.db_table]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


class _Generator:
    def __init__(self, district, municipalities, seed):
        self.district = district
        self.municipalities = municipalities
        self.rng = random.Random(seed)  # noqa: S311  (test data, not security)
        fake = Faker("de_DE")
        fake.seed_instance(seed)
        # Pools are much faster than asking Faker for every row.
        self.first_names = [fake.first_name() for _ in range(400)]
        self.last_names = [fake.last_name() for _ in range(600)]
        self.streets = [fake.street_name() for _ in range(300)]
        self.today = timezone.localdate()

    def _phone(self):
        return f"{AREA_CODE} {self.rng.randint(1000, 9899)}-{self.rng.randint(0, 99):02d}"

    def _languages(self, extra_max):
        extra = self.rng.sample(EXTRA_LANGUAGES, self.rng.randint(0, extra_max))
        return list(dict.fromkeys(["de", *extra]))

    def organisations(self, count, batch_size, only_type=""):
        rng = self.rng
        types = [only_type] if only_type else list(TYPE_WEIGHTS)
        weights = [1] if only_type else list(TYPE_WEIGHTS.values())
        seen = Counter()
        rows, languages, topics, served = [], [], [], []
        for _ in range(count):
            kind = rng.choices(types, weights)[0]
            seat = rng.choice(self.municipalities)
            pattern = rng.choice(NAME_PATTERNS[kind])
            name = pattern.format(
                place=seat.name, name=rng.choice(self.last_names), saint=rng.choice(SAINTS)
            )
            seen[name] += 1
            if seen[name] > 1:
                name = f"{name} ({seen[name]})"
            domain = slugify(name.replace("ß", "ss"))[:50].strip("-") + ".example"
            whole = kind in (T.JOBCENTER, T.BAMF, T.HEALTH_OFFICE) or rng.random() < 0.05
            description = DESCRIPTIONS[kind].format(place=seat.name)
            rows.append(
                Organisation(
                    district=self.district,
                    name=name[:200],
                    type=kind,
                    municipality=seat,
                    street=f"{rng.choice(self.streets)} {rng.randint(1, 120)}",
                    postal_code=f"79{rng.randint(100, 999)}",
                    city=seat.name,
                    phone=self._phone(),
                    email=f"info@{domain}",
                    website=f"https://www.{domain}" if rng.random() < 0.6 else "",
                    opening_hours=rng.choice(
                        ["Mo–Fr 8:30–12:00 Uhr", "Nach Vereinbarung", "Di und Do 14–18 Uhr"]
                    ),
                    description=f"{description} {rng.choice(EXTRA_SENTENCES)}",
                    serves_whole_district=whole,
                    is_public=rng.random() < 0.9,
                    last_confirmed_at=self.today - timedelta(days=rng.randint(0, 730)),
                )
            )
            languages.append(self._languages(3))
            topic_codes = TOPICS_BY_TYPE[kind]
            topics.append(topic_codes[: rng.randint(1, len(topic_codes))])
            extra = rng.sample(self.municipalities, rng.randint(0, 2))
            served.append([] if whole else list({seat.pk, *(m.pk for m in extra)}))
        created = Organisation.objects.bulk_create(rows, batch_size=batch_size)
        _link(Organisation.languages, created, languages, batch_size)
        _link(Organisation.topics, created, topics, batch_size)
        _link(Organisation.municipalities, created, served, batch_size)
        return created

    def contacts(self, organisations, count, batch_size):
        rng = self.rng
        positions = Counter()
        rows, languages = [], []
        for index in range(count):
            # Every organisation gets one contact first, the rest are spread at random.
            org = organisations[index] if index < len(organisations) else rng.choice(organisations)
            first, last = rng.choice(self.first_names), rng.choice(self.last_names)
            local = f"{slugify(first)}.{slugify(last.replace('ß', 'ss'))}"
            rows.append(
                ContactPerson(
                    district=self.district,
                    organisation=org,
                    name=f"{first} {last}",
                    function=rng.choice(FUNCTIONS),
                    phone=self._phone(),
                    email=f"{local}@{org.email.partition('@')[2]}",
                    office_hours=rng.choice(["", "Di 9–12 Uhr", "Mo und Do 14–16 Uhr"]),
                    is_public=rng.random() < 0.7,
                    position=positions[org.pk],
                )
            )
            positions[org.pk] += 1
            languages.append(self._languages(2))
        created = ContactPerson.objects.bulk_create(rows, batch_size=batch_size)
        _link(ContactPerson.languages, created, languages, batch_size)
        # Initiatives get their first contact as speaker.
        speakers = []
        for person in created[: len(organisations)]:
            org = person.organisation
            if org.type == T.VOLUNTEER_INITIATIVE and rng.random() < 0.85:
                org.speaker_id = person.pk
                speakers.append(org)
        Organisation.objects.bulk_update(speakers, ["speaker"], batch_size=batch_size)
        return created


def _link(descriptor, owners, targets, batch_size):
    """Bulk-insert the many-to-many rows of ``descriptor``: owners[i] gets targets[i]."""
    field = descriptor.field
    through = descriptor.through
    source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    _bulk(
        through,
        (
            through(**{source: owner.pk, target: pk})
            for owner, pks in zip(owners, targets, strict=True)
            for pk in pks
        ),
        batch_size,
    )


def _bulk(model, rows, batch_size):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= batch_size:
            model.objects.bulk_create(batch)
            batch = []
    if batch:
        model.objects.bulk_create(batch)
