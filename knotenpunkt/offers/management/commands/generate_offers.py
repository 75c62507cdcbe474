"""Fill one district's offers catalogue with many fictional offers (benchmarks, load tests).

Not for the demo (``load_demo`` builds that). The offers are combinations of the demo's
kinds (``knotenpunkt.offers.demo.KINDS``) with levels, audiences, municipalities and
sentence templates, run by the district's organisations (run ``load_demo`` or
``generate_directory`` first). Rows are written with ``bulk_create`` in chunks of
``--batch-size`` offers, one transaction per chunk; places, times, translations and the
many-to-many rows (through models) follow each chunk. ``search_text`` and ``text_hash`` are
computed in Python, so every offer is written once. All people are fictional; phone numbers
use the unassigned area code 07999, e-mail addresses end in ``.example``.
"""

import random
import time
from datetime import timedelta
from functools import partial

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from knotenpunkt.directory.demo import AREA_CODE
from knotenpunkt.directory.models import LanguageCode, Organisation, SpokenLanguage
from knotenpunkt.districts.models import District, Municipality
from knotenpunkt.offers.categories import ensure_default_categories
from knotenpunkt.offers.demo import (
    KINDS,
    LATER_ADDITIONS,
    ONLINE,
    TRANSLATIONS,
    near,
    parse_time,
    postal_code,
    reference_rows,
    search_text,
    title_for,
    translated,
    weekly_times,
)
from knotenpunkt.offers.models import (
    Category,
    Offer,
    OfferPlace,
    OfferState,
    OfferTime,
    OfferTranslation,
    TargetGroup,
    TargetGroupCode,
    german_text_hash,
)
from knotenpunkt.offers.services import review_period

DAYS = ("montags", "dienstags", "mittwochs", "donnerstags", "freitags", "samstags", "sonntags")
# Sentences for the descriptions; {day} {start} {end} {venue} {place} {provider} are filled in.
SENTENCES = (
    "Wir treffen uns {day} von {start} bis {end} Uhr; Ort: {venue}.",
    "Das Angebot findet {day} von {start} bis {end} Uhr statt.",
    "Veranstalter ist {provider}.",
    "Das Angebot wird von {provider} in Zusammenarbeit mit der Gemeinde {place} organisiert.",
    "Der Ort ist mit dem Bus gut zu erreichen; die Haltestelle liegt wenige Minuten entfernt.",
    "Kinder können mitgebracht werden; eine Spielecke ist vorhanden.",
    "Bei Bedarf übersetzen Ehrenamtliche ins Arabische, Englische, Persische oder Ukrainische.",
    "Sie brauchen keine Vorkenntnisse, nur Neugier und etwas Zeit.",
    "Neue Teilnehmende sind jederzeit willkommen, auch ohne Anmeldung.",
    "Wer mitmachen möchte, meldet sich am besten vorher telefonisch oder per E-Mail.",
    "In den Schulferien machen wir eine Pause; die genauen Termine stehen im Aushang.",
    "Die Gruppe ist klein, damit für alle genug Zeit bleibt.",
    "Wir freuen uns auch über Ehrenamtliche, die das Angebot unterstützen möchten.",
    "Bitte bringen Sie, wenn vorhanden, Ihre Unterlagen und einen Ausweis mit.",
    "Getränke und ein kleiner Imbiss stehen bereit.",
    "Der Raum ist barrierefrei erreichbar; eine barrierefreie Toilette ist vorhanden.",
    "Alle Gespräche sind vertraulich, persönliche Daten geben wir nicht weiter.",
    "Fragen zu Sprachkursen, Arbeit oder Wohnung beantworten wir gern im Anschluss.",
    "Einmal im Monat laden wir Fachleute zu einem Thema ein, das die Gruppe wählt.",
    "Das Angebot wird aus Mitteln des Landkreises und von Spenden finanziert.",
    "Auch Menschen aus den Nachbargemeinden von {place} sind herzlich willkommen.",
    "Treffpunkt ist der Haupteingang ({venue}); dort holen wir Sie ab.",
    "Zum Abschluss gibt es eine Teilnahmebescheinigung.",
    "Die Termine können sich in den Sommermonaten ändern; bitte beachten Sie den Aushang.",
)
BULLETS = (
    "Keine Vorkenntnisse nötig", "Kostenlos und unverbindlich", "Mit Kinderbetreuung",
    "In kleinen Gruppen", "Einstieg jederzeit möglich", "Mit Teilnahmebescheinigung",
    "Dolmetschende auf Anfrage", "Barrierefreier Zugang", "Auch für Ehrenamtliche offen",
    "Unterlagen bitte mitbringen", "Mit Bus und Bahn gut erreichbar", "Getränke vor Ort",
)  # fmt: skip
SUMMARY_ADDITIONS = (
    "Offen für alle.",
    "Kostenlos und ohne Anmeldung.",
    "Neue Gesichter sind willkommen.",
    "Auch für Menschen aus den Nachbargemeinden.",
    "Mit Dolmetschenden auf Anfrage.",
)
ACCESSIBILITY = ("", "", "", "Barrierefreier Zugang.", "Eingang mit Stufen; Hilfe auf Anfrage.")


class Command(BaseCommand):
    help = "Generate many fictional offers in one district (benchmarks and load tests)."

    def add_arguments(self, parser):
        parser.add_argument("--district", required=True, help="slug of the district")
        parser.add_argument("--offers", type=int, default=10000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--batch-size", type=int, default=5000, help="offers per chunk and transaction"
        )

    def handle(self, *args, district, offers, seed, batch_size, **options):
        try:
            district = District.objects.get(slug=district)
        except District.DoesNotExist as exc:
            raise CommandError(f"No district with the slug {district!r}.") from exc
        verbosity = options.get("verbosity", 1)
        ensure_default_categories(district)
        generator = _Generator(district, seed)
        started = time.perf_counter()
        done = 0
        step = max(offers // 10, batch_size)
        while done < offers:
            count = min(batch_size, offers - done)
            with transaction.atomic():
                generator.chunk(count)
            done += count
            if verbosity >= 1 and offers >= 50000 and (done % step < batch_size or done == offers):
                self.stdout.write(f"  {done} offers ({time.perf_counter() - started:.0f} s)")
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{offers} offers in {district.name} generated in "
                    f"{time.perf_counter() - started:.1f} s."
                )
            )


class _Generator:
    def __init__(self, district, seed):
        self.district = district
        self.rng = random.Random(seed)  # noqa: S311  (test data, not security)
        fake = Faker("de_DE")
        fake.seed_instance(seed)
        # Pools are much faster than asking Faker for every row.
        self.people = [
            (first, last, f"{slugify(first)}.{slugify(last.replace('ß', 'ss'))}")
            for first, last in ((fake.first_name(), fake.last_name()) for _ in range(500))
        ]
        self.streets = [fake.street_name() for _ in range(300)]
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.period = review_period(district)
        self.municipalities = list(Municipality.objects.in_district(district))
        if not self.municipalities:
            raise CommandError("The district has no municipalities; run load_demo first.")
        self.coordinates = {
            m.pk: [(near(m.latitude or 48.5, self.rng), near(m.longitude or 8.3, self.rng))
                   for _ in range(40)]
            for m in self.municipalities
        }  # fmt: skip
        self.categories = {c.slug: c for c in Category.objects.in_district(district)}
        fallback = next(iter(self.categories.values()))
        organisations = list(
            Organisation.objects.in_district(district)
            .order_by("pk")
            .values_list("pk", "name", "type", "municipality_id", "email", "website")
        )
        if not organisations:
            raise CommandError("The district has no organisations; run load_demo first.")
        self.kinds, self.providers, self.category = [], {}, {}
        for kind in KINDS:
            candidates = [org for org in organisations if org[2] in kind.providers]
            if candidates:
                self.kinds.append(kind)
                self.providers[kind.key] = candidates
                self.category[kind.key] = self.categories.get(kind.category, fallback)
        if not self.kinds:  # a district without the usual partners: anyone runs anything
            self.kinds = list(KINDS)
            self.providers = {kind.key: organisations for kind in KINDS}
            self.category = {k.key: self.categories.get(k.category, fallback) for k in KINDS}
        self.weights = [kind.weight for kind in self.kinds]
        self.municipality = {m.pk: m for m in self.municipalities}
        # The reference rows the many-to-many rows point to (a flushed test database lacks them).
        reference_rows(SpokenLanguage, LanguageCode.values)
        reference_rows(TargetGroup, TargetGroupCode.values)

    def chunk(self, count):
        """Write ``count`` offers with their places, times, translations and relations."""
        ids = _reserve_ids(Offer, count)
        offers, places, times, translations, languages, groups = [], [], [], [], [], []
        for offer_id in ids:
            offer, place_rows, time_rows, translation_rows, codes, group_codes = self._offer()
            offer["id"] = offer_id
            offers.append(offer)
            common = {"district_id": self.district.pk, "offer_id": offer_id}
            places.extend({**common, **place} for place in place_rows)
            times.extend(
                {**common, "weekday": weekday, "date": date, "starts_at": start, "ends_at": end}
                for weekday, date, start, end in time_rows
            )
            translations.extend({**common, **translation} for translation in translation_rows)
            languages.extend({"offer_id": offer_id, "spokenlanguage_id": code} for code in codes)
            groups.extend({"offer_id": offer_id, "targetgroup_id": code} for code in group_codes)
        insert(Offer, offers)
        insert(OfferPlace, places)
        insert(OfferTime, times)
        insert(OfferTranslation, translations)
        insert(Offer.languages.through, languages)
        insert(Offer.target_groups.through, groups)

    def _offer(self):
        rng = self.rng
        kind = rng.choices(self.kinds, self.weights)[0]
        provider_id, provider, _type, seat, email, website = rng.choice(self.providers[kind.key])
        online = kind.scope == ONLINE or rng.random() < 0.02
        if seat and rng.random() < 0.7:
            municipality = self.municipality[seat]
        else:
            municipality = rng.choice(self.municipalities)
        # The title: "Deutschkurs A2 für Frauen in Oberbach".
        index = rng.randrange(len(kind.titles)) if kind.titles else 0
        in_place = None if online else municipality.name
        title = title_for(kind, in_place, index)
        plain = True
        if kind.levels or kind.audiences:
            name = kind.base or (kind.titles[index] if kind.titles else kind.name)
            if kind.levels and rng.random() < 0.7:
                name = f"{name} {rng.choice(kind.levels)}"
                plain = False
            if kind.audiences and rng.random() < 0.35:
                name = f"{name} {rng.choice(kind.audiences)}"
                plain = False
            if not plain:
                title = f"{name} in {in_place}" if in_place else name
        summary = kind.summary
        if rng.random() < 0.3:
            summary = f"{summary} {rng.choice(SUMMARY_ADDITIONS)}"
        # Times and places.
        if kind.dated:
            start, end = rng.choice(kind.hours)
            dates = sorted(rng.sample(range(3, 120), 2 if rng.random() < 0.4 else 1))
            time_rows = [
                (None, self.today + timedelta(days=day), parse_time(start), parse_time(end))
                for day in dates
            ]
        else:
            time_rows = [(day, None, s, e) for day, s, e in weekly_times(kind, rng)]
        venue = rng.choice(kind.venues)
        place_rows = []
        if not online:
            for number in range(2 if rng.random() < 0.1 else 1):
                where = municipality if number == 0 else rng.choice(self.municipalities)
                latitude, longitude = rng.choice(self.coordinates[where.pk])
                place_rows.append(
                    {
                        "name": venue if number == 0 else rng.choice(kind.venues),
                        "street": f"{rng.choice(self.streets)} {rng.randint(1, 80)}",
                        "postal_code": postal_code(where),
                        "city": where.name,
                        "municipality_id": where.pk,
                        "latitude": latitude,
                        "longitude": longitude,
                    }
                )
        first, last, local = rng.choice(self.people)
        domain = email.partition("@")[2] or f"{self.district.slug}.example"
        personal = rng.random() < 0.6
        category = self.category[kind.key]
        offer = {
            "district_id": self.district.pk,
            "created_at": self.now,
            "updated_at": self.now,
            "title": title,
            "summary": summary,
            "description": self._description(kind, provider, municipality.name, venue, time_rows),
            "provider_id": provider_id,
            "category_id": category.pk,
            "cost": str(kind.cost),
            "cost_note": kind.cost_note,
            "registration_required": bool(kind.registration),
            "registration_note": kind.registration,
            "is_online": online,
            "serves_whole_district": kind.whole_district or rng.random() < 0.03,
            "schedule_note": kind.schedule_note,
            "accessibility": rng.choice(ACCESSIBILITY),
            "contact_name": f"{first} {last}" if personal else "",
            "contact_email": f"{local}@{domain}" if personal else email,
            "contact_phone": f"{AREA_CODE} {rng.randint(1000, 9899)}-{rng.randint(0, 99):02d}",
            "website": website,
            "valid_from": None,
            "valid_until": time_rows[-1][1] if kind.dated else None,
        }
        if kind.course:
            offer["valid_from"] = self.today - timedelta(days=rng.randint(0, 90))
            offer["valid_until"] = offer["valid_from"] + timedelta(days=rng.choice([120, 180, 240]))
        self._set_state(offer, time_rows)
        # Translations (of offers whose title is the kind's own, so the translation fits).
        translation_rows = []
        if plain and kind.key in TRANSLATIONS and offer["state"] != OfferState.DRAFT:
            source_hash = german_text_hash(title, summary, offer["description"])
            for language, share in (("en", 0.25), ("ar", 0.12), ("uk", 0.12)):
                if rng.random() < share:
                    t_title, t_summary, t_description = translated(kind, language, in_place)
                    translation_rows.append(
                        {
                            "created_at": self.now,
                            "updated_at": self.now,
                            "language": language,
                            "title": t_title,
                            "summary": t_summary,
                            "description": t_description,
                            "source_hash": source_hash,
                        }
                    )
            if translation_rows and rng.random() < 0.15:
                # The German summary changed after the translation: it is outdated.
                offer["summary"] = f"{kind.summary} {rng.choice(LATER_ADDITIONS)}"[:300]
        offer["text_hash"] = german_text_hash(title, offer["summary"], offer["description"])
        offer["search_text"] = search_text(
            title=title,
            summary=offer["summary"],
            description=offer["description"],
            provider=provider,
            category=category,
            translations=[(t["language"], t["title"], t["summary"]) for t in translation_rows],
            places=[
                (p["name"], p["city"], self.municipality[p["municipality_id"]].name)
                for p in place_rows
            ],
        )
        extra = rng.sample(kind.languages, rng.randint(0, min(3, len(kind.languages))))
        languages = list(dict.fromkeys([*kind.held_in, *extra]))
        groups = list(kind.groups)
        if rng.random() < 0.15:
            groups = list(dict.fromkeys([*groups, rng.choice(TargetGroupCode.values)]))
        return offer, place_rows, time_rows, translation_rows, languages, groups

    def _set_state(self, offer, time_rows):
        """Mostly published and fresh; some stale, drafts, in review and archived."""
        rng = self.rng
        draw = rng.random()
        offer.update(published_at=None, last_confirmed_at=None, reminded_at=None, review_note="")
        if draw < 0.02:
            offer["state"] = OfferState.DRAFT.value
            return
        if draw < 0.04:
            offer["state"] = OfferState.IN_REVIEW.value
            return
        offer["state"] = OfferState.PUBLISHED.value
        if draw < 0.07:  # stale: not confirmed within the review period
            confirmed = self.today - self.period - timedelta(days=rng.randint(1, 200))
        else:
            confirmed = self.today - timedelta(days=rng.randint(0, self.period.days - 1))
        offer["last_confirmed_at"] = confirmed
        offer["published_at"] = self.now - timedelta(
            days=(self.today - confirmed).days + rng.randint(0, 600), seconds=rng.randint(0, 86399)
        )
        if draw > 0.97:
            offer["state"] = OfferState.ARCHIVED.value
            offer["valid_until"] = self.today - timedelta(days=rng.randint(1, 300))
            offer["valid_from"] = offer["valid_until"] - timedelta(days=180)
            if time_rows and time_rows[0][1] is not None:
                time_rows[:] = [(None, offer["valid_until"], s, e) for _d, _x, s, e in time_rows]

    def _description(self, kind, provider, place, venue, time_rows):
        """The kind's description plus sentences up to 40–120 words, sometimes a list."""
        rng = self.rng
        target = rng.randint(40, 120)
        weekday, date, starts_at, ends_at = time_rows[0]
        day = DAYS[weekday] if weekday is not None else f"am {date:%d.%m.%Y}"
        values = {
            "day": day,
            "start": f"{starts_at:%H:%M}",
            "end": f"{ends_at:%H:%M}",
            "venue": venue,
            "place": place,
            "provider": provider,
        }
        parts = [kind.description]
        words = len(kind.description.split())
        sentences = []
        for sentence in rng.sample(SENTENCES, len(SENTENCES)):
            if words >= target:
                break
            text = sentence.format(**values)
            sentences.append(text)
            words += len(text.split())
        if sentences:
            parts.append(f"<p>{' '.join(sentences)}</p>")
        if rng.random() < 0.3:
            items = "".join(f"<li>{item}</li>" for item in rng.sample(BULLETS, rng.randint(2, 4)))
            parts.append(f"<ul>{items}</ul>")
        return "".join(parts)


# Fast inserts ---------------------------------------------------------------------------
# bulk_create builds a model instance and compiles SQL for every value; for a million offers
# with places, times and relations that alone takes longer than the database. These helpers
# send plain rows, one ``executemany`` (SQLite) or ``COPY`` (PostgreSQL) per table, and let
# each field convert its value.

PLAIN_TYPES = {
    "AutoField", "BigAutoField", "BigIntegerField", "BooleanField", "CharField", "EmailField",
    "ForeignKey", "IntegerField", "OneToOneField", "PositiveIntegerField",
    "PositiveSmallIntegerField", "SlugField", "SmallIntegerField", "TextField", "URLField",
}  # fmt: skip


def insert(model, rows):
    """Insert ``rows`` (dicts by attribute name) into ``model``'s table in one go.

    Attributes a row lacks get the field's default; dates, times and decimals are converted
    by their fields, as ``bulk_create`` would.
    """
    if not rows:
        return
    fields = [
        field
        for field in model._meta.concrete_fields
        if not (field.primary_key and field.attname not in rows[0])
    ]
    columns, converters, defaults = [], [], []
    for field in fields:
        columns.append(connection.ops.quote_name(field.column))
        plain = field.get_internal_type() in PLAIN_TYPES
        converters.append(None if plain else partial(field.get_db_prep_save, connection=connection))
        defaults.append(field.get_default())
    names = [field.attname for field in fields]
    values = [
        [
            value if convert is None or value is None else convert(value)
            for value, convert in zip(
                (row.get(name, default) for name, default in zip(names, defaults, strict=True)),
                converters,
                strict=True,
            )
        ]
        for row in rows
    ]
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: one stream instead of a round trip per row.
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(columns))
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",  # noqa: S608
            values,
        )


def _reserve_ids(model, count):
    """Return ``count`` new primary keys of ``model`` that no other insert will take.

    PostgreSQL: taken from the table's sequence. SQLite: after the largest id, which is safe
    because the transaction holds the database's write lock (``BEGIN IMMEDIATE``).
    """
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        last = cursor.fetchone()[0]
        if connection.vendor == "sqlite":
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            last = max(last, row[0] if row else 0)
    return list(range(last + 1, last + count + 1))
