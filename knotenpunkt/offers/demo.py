"""A realistic, fictional offers catalogue for the demo district.

About 400 offers of the demo directory's organisations in every municipality and every
default category: language courses, counselling hours, homework help, meeting places,
workshops and trainings for volunteers. Most are published and confirmed; a few are
stale, in review, drafts, archived or have a pending change, and some have translations
into English, Arabic and Ukrainian, a few of them outdated (the German text changed
after the translation was made).

Everything comes from fixed seeds: contact people are generated with Faker's de_DE locale,
phone numbers use the unassigned area code 07999 and e-mail addresses end in ``.example``.
Loading is idempotent: offers are found again by provider and title and updated; their
places, times, translations, languages, target groups and pending changes are replaced.
``generate_offers`` (benchmarks) reuses the kinds and texts defined here.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as clock
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from knotenpunkt.directory.demo import AREA_CODE
from knotenpunkt.directory.models import (
    LanguageCode,
    Organisation,
    SpokenLanguage,
)
from knotenpunkt.directory.models import OrganisationType as T
from knotenpunkt.districts.models import Municipality

from . import search
from .categories import ensure_default_categories
from .models import (
    Category,
    Cost,
    Offer,
    OfferPlace,
    OfferState,
    OfferTime,
    OfferTranslation,
    TargetGroup,
    TargetGroupCode,
    german_text_hash,
)
from .services import review_period

SEED = 4713
LOCAL, REGIONAL, DISTRICT, ONLINE = "local", "regional", "district", "online"


@dataclass(frozen=True)
class Kind:
    """One sort of offer: its German texts and what is typical for it."""

    key: str
    category: str  # slug of a default category
    name: str  # the title is "<name> in <municipality>" (district-wide and online: the name)
    summary: str
    description: str  # sanitised HTML: <p>, <ul>
    providers: tuple  # organisation types that plausibly run it
    scope: str = LOCAL  # local: some municipalities pick it; regional: ``count`` places
    weight: int = 1  # how common it is (local choice, generator)
    count: int = 1  # regional: municipalities; district-wide and online: offers
    hint: str = ""  # prefer providers whose name contains this
    titles: tuple = ()  # alternative names, used in turn
    groups: tuple = ("everyone",)
    held_in: tuple = ("de",)
    languages: tuple = ()  # further languages, some of which an offer has
    cost: str = Cost.FREE
    cost_note: str = ""
    registration: str = ""  # how to register; set means registration is needed
    hours: tuple = (("15:00", "17:00"),)
    days: int = 1  # weekly times per offer
    weekdays: tuple = (0, 1, 2, 3, 4)
    venues: tuple = ("Bürgerhaus",)
    schedule_note: str = ""
    course: bool = False  # runs from a start date to an end date
    dated: bool = False  # single dates instead of weekly times
    whole_district: bool = False
    # The generator combines ``base`` (or ``name``) with a level and an audience.
    base: str = ""
    levels: tuple = ()
    audiences: tuple = ()


FOR_REFUGEES = ("refugees", "everyone")
MIGRANT_LANGUAGES = ("ar", "en", "uk", "fa", "tr", "ru")

KINDS = (
    # Sprache ------------------------------------------------------------------------------
    Kind(
        "integrationskurs", "sprache", "Integrationskurs",
        "Deutsch bis Niveau B1 und Orientierungskurs zu Gesellschaft, Geschichte und Recht "
        "in Deutschland.",
        "<p>Der Integrationskurs besteht aus einem Sprachkurs und einem Orientierungskurs. Am "
        "Ende stehen der Deutsch-Test für Zuwanderer (DTZ) und der Test „Leben in "
        "Deutschland“.</p><ul><li>Vormittags, fünf Tage pro Woche</li><li>Einstufungstest vor "
        "Kursbeginn</li><li>Berechtigungsschein vom BAMF, Jobcenter oder der Ausländerbehörde "
        "mitbringen</li></ul>",
        (T.ADULT_EDUCATION, T.LANGUAGE_COURSE_PROVIDER), scope=REGIONAL, count=8, weight=3,
        groups=FOR_REFUGEES, cost=Cost.FEE,
        cost_note="Kostenbeitrag pro Unterrichtsstunde; Befreiung auf Antrag beim BAMF.",
        registration="Anmeldung und Einstufungstest im Kursbüro; Berechtigungsschein mitbringen.",
        hours=(("08:30", "12:45"),), days=5, course=True,
        venues=("Volkshochschule, Raum 1.04", "Bildungszentrum, Raum 3", "Kursraum im Bürgerhaus"),
        audiences=("am Nachmittag", "für Eltern", "mit Kinderbetreuung"),
    ),
    Kind(
        "integrationskurs_frauen", "sprache", "Integrationskurs für Frauen mit Kinderbetreuung",
        "Deutsch lernen in einer Frauengruppe, während die Kinder im Nebenraum betreut werden.",
        "<p>Der Kurs richtet sich an Mütter und Frauen, die einen Integrationskurs besuchen "
        "möchten. Kleine Kinder werden während des Unterrichts von Fachkräften betreut.</p>"
        "<ul><li>Vormittags, vier Tage pro Woche</li><li>Plätze für die Kinderbetreuung bitte "
        "bei der Anmeldung angeben</li></ul>",
        (T.ADULT_EDUCATION, T.LANGUAGE_COURSE_PROVIDER), scope=REGIONAL, count=3,
        groups=("women", "parents"), cost=Cost.FEE,
        cost_note="Kostenbeitrag pro Unterrichtsstunde; die Kinderbetreuung ist kostenlos.",
        registration="Anmeldung im Kursbüro.", hours=(("09:00", "12:15"),), days=4,
        course=True, venues=("Familienzentrum, Kursraum", "Volkshochschule, Raum 0.12"),
    ),
    Kind(
        "alphakurs", "sprache", "Alphabetisierungskurs",
        "Lesen und Schreiben lernen in lateinischer Schrift, zusammen mit Deutsch für den Alltag.",
        "<p>Für Erwachsene, die nicht oder wenig lesen und schreiben können oder die lateinische "
        "Schrift neu lernen. Der Kurs ist ein Integrationskurs mit mehr Unterrichtsstunden und "
        "kleineren Gruppen.</p>",
        (T.ADULT_EDUCATION, T.LANGUAGE_COURSE_PROVIDER), scope=REGIONAL, count=4,
        groups=FOR_REFUGEES, cost=Cost.FEE,
        cost_note="Kostenbeitrag pro Unterrichtsstunde; Befreiung auf Antrag beim BAMF.",
        registration="Beratung und Anmeldung im Kursbüro.", hours=(("08:30", "12:45"),), days=5,
        course=True, venues=("Volkshochschule, Raum 1.02", "Bildungszentrum, Raum 5"),
    ),
    Kind(
        "berufssprachkurs", "sprache", "Berufssprachkurs B2",
        "Deutsch für den Beruf: Telefonate, E-Mails, Besprechungen und Fachsprache – auch "
        "berufsbegleitend am Abend.",
        "<p>Berufssprachkurse nach der Deutschsprachförderverordnung bereiten auf die Arbeit "
        "in Deutschland vor. Am Ende steht eine Prüfung mit Zertifikat.</p><ul><li>Zwei Abende "
        "pro Woche</li><li>Für Beschäftigte, Arbeitsuchende und Auszubildende</li></ul>",
        (T.LANGUAGE_COURSE_PROVIDER, T.ADULT_EDUCATION), scope=REGIONAL, count=4, weight=2,
        groups=("professionals", "everyone"),
        cost_note="Kostenfrei für Arbeitsuchende; Beschäftigte zahlen je nach Einkommen einen "
        "Eigenbeitrag.",
        registration="Anmeldung über das Jobcenter, die Agentur für Arbeit oder das BAMF.",
        hours=(("17:30", "20:45"),), days=2, course=True,
        venues=("Bildungszentrum, Raum 2", "Volkshochschule, Raum 2.01"),
        base="Berufssprachkurs", levels=("B1", "B2", "C1"),
        audiences=("am Abend", "für Pflegekräfte"),
    ),
    Kind(
        "pruefungsvorbereitung", "sprache", "Prüfungsvorbereitung Deutsch-Test für Zuwanderer",
        "Intensivtraining für die DTZ-Prüfung: Hören, Lesen, Schreiben und Sprechen mit "
        "Modelltests.",
        "<p>Wir üben alle Prüfungsteile mit Modelltests und besprechen typische Fehler. Für "
        "alle, die den Integrationskurs besuchen oder die Prüfung wiederholen möchten.</p>",
        (T.ADULT_EDUCATION, T.LANGUAGE_COURSE_PROVIDER, T.VOLUNTEER_INITIATIVE), scope=REGIONAL,
        count=3, groups=FOR_REFUGEES, registration="Bitte im Kursbüro anmelden.",
        hours=(("18:00", "20:00"),), days=2, course=True,
        venues=("Volkshochschule, Raum 1.06", "Bürgerhaus, Raum 2"),
    ),
    Kind(
        "deutschkurs", "sprache", "Deutschkurs für Anfängerinnen und Anfänger",
        "Ehrenamtliche üben mit Ihnen Deutsch für den Alltag: einkaufen, Arzttermine, "
        "Gespräche mit Nachbarn.",
        "<p>Ein kostenloser Kurs für alle, die noch auf einen Platz im Integrationskurs warten "
        "oder zusätzlich üben möchten. Sie brauchen keine Vorkenntnisse.</p><ul><li>Kleine "
        "Gruppen</li><li>Einstieg jederzeit möglich</li></ul>",
        (T.VOLUNTEER_INITIATIVE, T.COORDINATION_POINT, T.CHURCH), weight=4, groups=FOR_REFUGEES,
        languages=("en", "ar", "uk", "fa"),
        hours=(("09:30", "11:00"), ("17:00", "18:30"), ("18:00", "19:30")), days=2,
        venues=("Bürgerhaus, Raum 2", "Gemeindehaus", "Rathaus, Sitzungssaal"),
        schedule_note="Nicht in den Schulferien.",
        base="Deutschkurs", levels=("A1", "A2", "B1"),
        audiences=("für Frauen", "am Vormittag", "am Abend", "für Seniorinnen und Senioren"),
    ),
    Kind(
        "sprachcafe", "sprache", "Sprachcafé",
        "Deutsch sprechen bei Kaffee und Kuchen – in entspannter Runde mit Einheimischen.",
        "<p>Im Sprachcafé treffen sich Menschen aus vielen Ländern mit Einheimischen, um "
        "ungezwungen Deutsch zu sprechen. Alle Niveaus sind willkommen.</p>",
        (T.VOLUNTEER_INITIATIVE, T.CHURCH, T.COORDINATION_POINT, T.MIGRANT_ORGANISATION),
        weight=5, languages=MIGRANT_LANGUAGES,
        hours=(("15:00", "17:00"), ("16:00", "18:00"), ("19:00", "21:00")),
        venues=("Café im Bürgerhaus", "Gemeindehaus", "Bibliothek", "Mehrgenerationenhaus"),
        audiences=("für Frauen", "am Abend", "für Seniorinnen und Senioren"),
    ),
    Kind(
        "sprachpaten", "sprache", "Sprachpatenschaften",
        "Eine ehrenamtliche Sprachpatin oder ein Sprachpate übt einmal pro Woche mit Ihnen "
        "Deutsch – zu Hause, im Café oder online.",
        "<p>Wir bringen Menschen zusammen, die Deutsch lernen, und Ehrenamtliche, die gern "
        "helfen. Sie verabreden Zeit und Ort selbst.</p><ul><li>Für Erwachsene und "
        "Jugendliche</li><li>Auch Ehrenamtliche sind herzlich willkommen</li></ul>",
        (T.VOLUNTEER_INITIATIVE, T.COORDINATION_POINT), weight=2,
        groups=("refugees", "volunteers"),
        registration="Bitte melden Sie sich bei uns; wir vermitteln eine passende Patin oder "
        "einen passenden Paten.",
        hours=(("10:00", "12:00"),), venues=("Koordinationsstelle", "Rathaus, Zimmer 5"),
        schedule_note="Zu diesen Zeiten erreichen Sie die Vermittlung.",
    ),
    Kind(
        "online_deutschkurs", "sprache", "Online-Deutschkurs A2 am Abend",
        "Deutsch lernen von zu Hause aus: Live-Unterricht im Videokurs mit Übungen zwischen "
        "den Terminen.",
        "<p>Sie brauchen einen Computer, ein Tablet oder ein Smartphone mit Internet. Den "
        "Zugang erhalten Sie nach der Anmeldung per E-Mail.</p>",
        (T.LANGUAGE_COURSE_PROVIDER, T.ADULT_EDUCATION), scope=ONLINE, count=2,
        titles=("Online-Deutschkurs A2 am Abend", "Online-Deutschkurs B1 am Abend"),
        cost=Cost.FEE, cost_note="120 € für zehn Wochen; Ermäßigung möglich.",
        registration="Online-Anmeldung auf der Website des Anbieters.",
        hours=(("19:00", "20:30"),), days=2, course=True,
        base="Online-Deutschkurs", levels=("A1", "A2", "B1", "B2"),
        audiences=("am Abend", "am Vormittag", "für Berufstätige"),
    ),
    # Schule und Bildung -------------------------------------------------------------------
    Kind(
        "hausaufgabenhilfe", "schule-bildung", "Hausaufgabenhilfe",
        "Ehrenamtliche helfen Schulkindern bei den Hausaufgaben und beim Lesen.",
        "<p>Kinder der Klassen 1 bis 7 bekommen Unterstützung bei den Hausaufgaben, beim Lesen "
        "und beim Lernen für Klassenarbeiten. Bitte Hefte und Bücher mitbringen.</p>",
        (T.VOLUNTEER_INITIATIVE, T.SCHOOL, T.CHURCH), weight=5, groups=("children",),
        languages=("en", "ar", "uk"), hours=(("14:00", "15:30"), ("15:00", "16:30")), days=2,
        weekdays=(0, 1, 2, 3),
        venues=("Grundschule, Raum 3", "Gemeindehaus", "Jugendhaus", "Bibliothek"),
        schedule_note="Nicht in den Schulferien.",
        audiences=("für Grundschulkinder", "für Jugendliche"),
    ),
    Kind(
        "lerntreff", "schule-bildung", "Lerntreff Mathe und Deutsch für Jugendliche",
        "Jugendliche aus Vorbereitungsklassen lernen gemeinsam mit Studierenden für Schule "
        "und Abschluss.",
        "<p>Wir wiederholen den Stoff aus dem Unterricht, bereiten Prüfungen vor und helfen "
        "bei Referaten. Laptops sind vorhanden.</p>",
        (T.VOLUNTEER_INITIATIVE, T.SCHOOL, T.VOCATIONAL_SCHOOL, T.COORDINATION_POINT),
        groups=("young_people",), hours=(("16:00", "18:00"),),
        venues=("Jugendhaus", "Bibliothek", "Gemeinschaftsschule, Raum 104"),
    ),
    Kind(
        "computerkurs", "schule-bildung", "Computerkurs für Einsteigerinnen und Einsteiger",
        "E-Mails schreiben, Formulare online ausfüllen, Termine buchen: digitale Grundlagen "
        "in kleinen Gruppen.",
        "<p>Wir üben am eigenen Smartphone oder an unseren Laptops. Sie brauchen keine "
        "Vorkenntnisse.</p><ul><li>Höchstens acht Teilnehmende</li><li>Geräte können "
        "ausgeliehen werden</li></ul>",
        (T.VOLUNTEER_INITIATIVE, T.COORDINATION_POINT, T.ADULT_EDUCATION, T.CHURCH),
        groups=("everyone", "seniors"), registration="Bitte vorher anmelden.",
        hours=(("10:00", "12:00"), ("18:00", "20:00")), course=True,
        venues=("Mehrgenerationenhaus", "Bibliothek, Lernraum"),
        audiences=("für Frauen", "für Seniorinnen und Senioren"),
    ),
    Kind(
        "schulsystem", "schule-bildung", "Elternabend zum deutschen Schulsystem",
        "Wie funktionieren Grundschule, weiterführende Schulen und Ausbildung? Mit "
        "Dolmetschenden.",
        "<p>Lehrkräfte und Schulsozialarbeit erklären, welche Schulen es gibt, wie der "
        "Übergang nach der Grundschule funktioniert und wie Eltern ihre Kinder unterstützen "
        "können. Dolmetschende übersetzen.</p>",
        (T.SCHOOL, T.COORDINATION_POINT, T.MIGRATION_COUNSELLING), scope=REGIONAL, count=5,
        groups=("parents", "families"), languages=("ar", "uk", "fa", "tr", "en"),
        hours=(("18:00", "20:00"),), dated=True,
        venues=("Grundschule, Aula", "Gemeinschaftsschule, Mensa", "Bürgerhaus, großer Saal"),
    ),
    Kind(
        "herkunftssprache_arabisch", "schule-bildung", "Arabischunterricht für Kinder",
        "Kinder lernen Lesen und Schreiben auf Arabisch – samstags in kleinen Gruppen nach Alter.",
        "<p>Der Unterricht in der Herkunftssprache stärkt die Familiensprache und hilft auch "
        "beim Deutschlernen. Lehrkräfte des Vereins unterrichten ehrenamtlich.</p>",
        (T.MIGRANT_ORGANISATION,), scope=DISTRICT, hint="Syrisch", groups=("children",),
        held_in=("ar",), cost=Cost.FEE, cost_note="20 € pro Halbjahr für Material.",
        registration="Anmeldung beim Verein.", hours=(("10:00", "12:30"),), weekdays=(5,),
        venues=("Vereinsräume",), whole_district=True,
    ),
    Kind(
        "samstagsschule_ukrainisch", "schule-bildung", "Ukrainische Samstagsschule",
        "Ukrainisch, Literatur und Geschichte für Kinder von 6 bis 14 Jahren – neben der "
        "deutschen Schule.",
        "<p>Die Samstagsschule hilft Kindern, ihre Sprache zu behalten, und bereitet auf "
        "ukrainische Schulabschlüsse vor. Eltern treffen sich währenddessen im Elterncafé.</p>",
        (T.MIGRANT_ORGANISATION,), scope=DISTRICT, hint="Ukrain",
        groups=("children", "newcomers_ukraine"), held_in=("uk",), registration="Anmeldung "
        "beim Verein.", hours=(("09:30", "13:00"),), weekdays=(5,), venues=("Vereinsräume",),
        whole_district=True,
    ),
    # Ausbildung und Arbeit ----------------------------------------------------------------
    Kind(
        "bewerbungstraining", "ausbildung-arbeit", "Bewerbungstraining",
        "Lebenslauf und Anschreiben erstellen, Vorstellungsgespräche üben.",
        "<p>Gemeinsam erstellen wir Ihre Bewerbungsunterlagen und üben Vorstellungsgespräche. "
        "Bitte bringen Sie Zeugnisse und, falls vorhanden, einen USB-Stick mit.</p><ul><li>"
        "Einzeltermine und Gruppentermine</li><li>Computer vor Ort</li></ul>",
        (T.JOBCENTER, T.WELFARE_ASSOCIATION, T.MIGRATION_COUNSELLING,
         T.INTEGRATION_MANAGEMENT_PROVIDER),
        scope=REGIONAL, count=6, weight=3, groups=("everyone", "refugees", "young_people"),
        languages=("en", "ar", "uk"), registration="Bitte vorher anmelden.",
        hours=(("09:00", "12:00"), ("13:00", "15:30")),
        venues=("Jobcenter, Schulungsraum", "Beratungsstelle", "Bürgerhaus, Raum 1"),
        audiences=("für Frauen", "für Jugendliche", "für Akademikerinnen und Akademiker"),
    ),
    Kind(
        "jobcoaching", "ausbildung-arbeit", "Jobcoaching für Geflüchtete",
        "Eine Jobcoachin begleitet Sie vom ersten Praktikum bis in die feste Stelle und hält "
        "Kontakt zum Betrieb.",
        "<p>Im Jobcoaching klären wir Ihre Stärken und Ziele, suchen passende Betriebe und "
        "begleiten Sie in der ersten Zeit im Job.</p><ul><li>Einzelberatung</li><li>"
        "Unterstützung bei Fragen zu Arbeitsvertrag und Lohn</li></ul>",
        (T.INTEGRATION_MANAGEMENT_PROVIDER, T.WELFARE_ASSOCIATION, T.JOBCENTER),
        scope=REGIONAL, count=4, weight=2, groups=("refugees",), languages=("en", "ar", "fa"),
        registration="Zuweisung über das Jobcenter oder direkte Anfrage.",
        hours=(("09:00", "12:00"),), venues=("Beratungsstelle", "Rathaus, Zimmer 8"),
    ),
    Kind(
        "anerkennung", "ausbildung-arbeit", "Anerkennungsberatung",
        "Wir prüfen mit Ihnen, ob und wie Ihr Berufs- oder Studienabschluss in Deutschland "
        "anerkannt werden kann.",
        "<p>Bringen Sie bitte Ihre Zeugnisse und, wenn vorhanden, Übersetzungen mit. Wir "
        "erklären das Verfahren, die zuständige Stelle und die Kosten und helfen beim "
        "Antrag.</p>",
        (T.CHAMBER, T.EMPLOYMENT_AGENCY), scope=REGIONAL, count=3,
        groups=("professionals", "everyone"), languages=("en", "ar", "uk", "ru"),
        registration="Termin telefonisch oder per E-Mail vereinbaren.",
        hours=(("09:00", "12:00"), ("13:00", "16:00")), whole_district=True,
        venues=("Beratungszentrum, Raum 3", "Geschäftsstelle, Besprechungsraum"),
    ),
    Kind(
        "ausbildungssprechstunde", "ausbildung-arbeit",
        "Ausbildungssprechstunde für junge Zugewanderte",
        "Welche Ausbildung passt zu mir? Beratung zu Berufen, Bewerbung und "
        "Einstiegsqualifizierung im Handwerk.",
        "<p>Wir stellen Ausbildungsberufe vor, vermitteln Praktika und Einstiegsqualifizierungen "
        "und helfen bei der Suche nach einem Ausbildungsbetrieb.</p>",
        (T.CHAMBER, T.VOCATIONAL_SCHOOL, T.EMPLOYMENT_AGENCY), scope=REGIONAL, count=3,
        groups=("young_people",), languages=("en", "ar"), hours=(("14:00", "17:00"),),
        venues=("Berufliche Schule, Raum 012", "Geschäftsstelle, Beratungsraum"),
    ),
    # Beratung -----------------------------------------------------------------------------
    Kind(
        "mbe", "beratung", "Migrationsberatung für Erwachsene – Sprechstunde",
        "Kostenlose Beratung für Zugewanderte ab 27 Jahren zu Sprache, Arbeit, Wohnen, Familie "
        "und Behörden.",
        "<p>Die Migrationsberatung für Erwachsene (MBE) hilft bei Anträgen und Briefen von "
        "Behörden, bei der Suche nach einem Sprachkurs und bei Fragen zu Arbeit, Wohnung und "
        "Gesundheit. Die Beratung ist vertraulich.</p>",
        (T.MIGRATION_COUNSELLING,), scope=REGIONAL, count=9, weight=3, hint="(MBE)",
        languages=MIGRANT_LANGUAGES,
        registration="Offene Sprechstunde; Termine außerhalb nach Vereinbarung.",
        hours=(("09:00", "12:00"), ("14:00", "16:00")),
        venues=("Rathaus, Besprechungsraum", "Bürgerhaus, Raum 1", "Beratungsstelle"),
    ),
    Kind(
        "mbe_online", "beratung", "Online-Migrationsberatung per Chat und Video",
        "Die Migrationsberatung für Erwachsene auch digital: Fragen per Chat stellen oder "
        "einen Videotermin buchen.",
        "<p>Schreiben Sie uns in Ihrer Sprache; wir antworten innerhalb von zwei Werktagen. "
        "Dokumente können Sie sicher hochladen.</p>",
        (T.MIGRATION_COUNSELLING,), scope=ONLINE, hint="(MBE)", languages=MIGRANT_LANGUAGES,
        hours=(("10:00", "12:00"),), days=2,
    ),
    Kind(
        "jmd", "beratung", "Jugendmigrationsdienst – Beratung",
        "Beratung und Begleitung für junge Zugewanderte von 12 bis 27 Jahren: Schule, "
        "Ausbildung, Beruf.",
        "<p>Der Jugendmigrationsdienst (JMD) unterstützt junge Menschen beim Ankommen: bei der "
        "Wahl der Schule, bei der Suche nach einem Ausbildungsplatz und bei persönlichen "
        "Fragen. Auch Eltern können sich beraten lassen.</p>",
        (T.MIGRATION_COUNSELLING,), scope=REGIONAL, count=5, weight=2, hint="(JMD)",
        groups=("young_people", "parents"), languages=("en", "ar", "uk", "fa"),
        hours=(("14:00", "17:00"),), venues=("Jugendhaus", "Beratungsstelle"),
    ),
    Kind(
        "asylsozialberatung", "beratung", "Asylsozialberatung",
        "Beratung für Geflüchtete im Asylverfahren und mit Duldung: Behördenpost, Leistungen, "
        "Kita und Schule.",
        "<p>Die Sozialarbeiterinnen und Sozialarbeiter der Flüchtlingssozialarbeit beraten Sie "
        "zu Ihrem Alltag in Deutschland, erklären Briefe von Behörden und vermitteln an "
        "Fachstellen. Bitte bringen Sie Ihre Dokumente mit.</p>",
        (T.DISTRICT_OFFICE, T.WELFARE_ASSOCIATION), scope=REGIONAL, count=8, weight=3,
        groups=("refugees",), languages=("ar", "fa", "ps", "ti", "en"),
        hours=(("09:00", "12:00"), ("13:30", "15:30")), days=2,
        venues=("Gemeinschaftsunterkunft, Beratungsbüro", "Rathaus, Zimmer 3"),
    ),
    Kind(
        "integrationsmanagement", "beratung", "Offene Sprechstunde des Integrationsmanagements",
        "Individuelle Beratung und Integrationsplan für Geflüchtete in der "
        "Anschlussunterbringung.",
        "<p>Das Integrationsmanagement begleitet Sie bei den ersten Schritten in der Gemeinde: "
        "Anträge, Sprachkurs, Kita und Schule, Arbeit und Wohnung. Gemeinsam erstellen wir "
        "einen Integrationsplan.</p><ul><li>Ohne Termin während der Sprechstunde</li><li>"
        "Dolmetschende auf Anfrage</li></ul>",
        (T.MUNICIPAL_ADMINISTRATION, T.INTEGRATION_MANAGEMENT_PROVIDER), weight=3,
        groups=("refugees",), languages=("ar", "en", "uk", "fa", "tr"),
        hours=(("09:00", "12:00"), ("14:00", "16:00")),
        venues=("Rathaus, Zimmer 12", "Bürgerbüro", "Gemeinschaftsunterkunft, Büro"),
    ),
    Kind(
        "begleitung", "beratung", "Begleitung zu Ämtern und Arztterminen",
        "Ehrenamtliche begleiten Sie zu Behörden, Ärztinnen und Ärzten und helfen beim "
        "Verstehen von Briefen.",
        "<p>Sagen Sie uns, wann und wohin Sie müssen; wir suchen eine Begleitung, wenn möglich "
        "mit Ihrer Sprache.</p>",
        (T.VOLUNTEER_INITIATIVE, T.COORDINATION_POINT), weight=2, groups=FOR_REFUGEES,
        languages=("ar", "en", "uk", "ru"),
        registration="Bitte mindestens drei Tage vorher Bescheid geben.",
        hours=(("10:00", "12:00"),), venues=("Koordinationsstelle", "Bürgerhaus"),
        schedule_note="Zu diesen Zeiten nehmen wir Anfragen entgegen.",
    ),
    Kind(
        "sozialberatung", "beratung", "Schuldner- und Sozialberatung",
        "Hilfe bei Schulden, Mahnungen, Verträgen und Anträgen auf Sozialleistungen.",
        "<p>Wir verschaffen uns gemeinsam einen Überblick, sprechen mit Gläubigern und helfen "
        "bei Anträgen. Die Beratung ist kostenlos und vertraulich.</p>",
        (T.WELFARE_ASSOCIATION,), scope=REGIONAL, count=3, weight=2,
        registration="Termine nach Vereinbarung.", hours=(("09:00", "12:00"),),
        venues=("Beratungsstelle", "Sozialstation, Besprechungsraum"),
    ),
    Kind(
        "ukraine_beratung", "beratung", "Beratung für Geflüchtete aus der Ukraine",
        "Hilfe bei Aufenthaltserlaubnis, Jobcenter, Schule und Wohnungssuche – auf Ukrainisch "
        "und Russisch.",
        "<p>Ehrenamtliche des Vereins beraten Landsleute und vermitteln an die Fachstellen "
        "im Landkreis.</p>",
        (T.MIGRANT_ORGANISATION,), scope=DISTRICT, hint="Ukrain",
        groups=("newcomers_ukraine",), held_in=("uk", "ru", "de"),
        hours=(("16:00", "19:00"),), weekdays=(1, 3), venues=("Vereinsräume",),
        whole_district=True,
    ),
    # Gesundheit ---------------------------------------------------------------------------
    Kind(
        "hebamme", "gesundheit", "Hebammensprechstunde für geflüchtete Frauen",
        "Eine Hebamme berät Schwangere und junge Mütter – auf Wunsch mit Dolmetscherin.",
        "<p>Die Hebamme beantwortet Fragen zu Schwangerschaft, Geburt, Stillen und der Zeit "
        "nach der Geburt und hilft bei der Suche nach einer Hebamme und einer "
        "Frauenarztpraxis. Die Beratung ist kostenlos.</p>",
        (T.HEALTH_OFFICE, T.WELFARE_ASSOCIATION), scope=REGIONAL, count=4,
        groups=("women", "families"), languages=("ar", "fa", "uk", "en"),
        hours=(("09:30", "11:30"),), venues=("Familienzentrum", "Gesundheitsamt, Raum 14"),
        whole_district=True,
    ),
    Kind(
        "gesundheitsinfo", "gesundheit", "Gesundheit in vielen Sprachen: Informationsabend",
        "Mediatorinnen und Mediatoren erklären in der Muttersprache, wie das deutsche "
        "Gesundheitssystem funktioniert.",
        "<p>Themen sind die Krankenversicherung, der Weg zur Hausarztpraxis, Notfälle, "
        "Vorsorge und Impfungen.</p>",
        (T.HEALTH_OFFICE, T.MIGRANT_ORGANISATION), scope=REGIONAL, count=3,
        languages=("ar", "uk", "fa", "tr", "ru"), hours=(("18:00", "20:00"),), dated=True,
        venues=("Bürgerhaus, großer Saal", "Mehrgenerationenhaus"),
    ),
    Kind(
        "psychosozial", "gesundheit", "Psychosoziale Beratung für Geflüchtete",
        "Gespräche bei Belastung, Schlafproblemen und Ängsten – vertraulich und mit "
        "Dolmetschenden.",
        "<p>Fachkräfte hören zu, stabilisieren und vermitteln, wenn nötig, in Therapie. "
        "Dolmetschende sind an die Schweigepflicht gebunden.</p>",
        (T.WELFARE_ASSOCIATION,), scope=DISTRICT, hint="Diakon", groups=("refugees",),
        languages=("ar", "fa", "ku", "ti"),
        registration="Erstgespräch nach telefonischer Anmeldung.", hours=(("09:00", "16:00"),),
        days=2, venues=("Beratungsstelle",), whole_district=True,
    ),
    Kind(
        "sport_frauen", "gesundheit", "Bewegung und Gesundheit für Frauen",
        "Gymnastik, Rückentraining und Entspannung mit einer Trainerin – in einer Halle nur "
        "für Frauen.",
        "<p>Für Frauen jeden Alters, ohne Vorkenntnisse. Bitte Sportkleidung, Handtuch und "
        "etwas zu trinken mitbringen.</p>",
        (T.VOLUNTEER_INITIATIVE, T.CHURCH, T.WELFARE_ASSOCIATION, T.MIGRANT_ORGANISATION),
        weight=2, groups=("women",), hours=(("18:00", "19:00"), ("09:00", "10:00")),
        venues=("Turnhalle der Grundschule", "Gemeindehaus, großer Saal"),
    ),
    # Wohnen -------------------------------------------------------------------------------
    Kind(
        "wohnungssuche", "wohnen", "Beratung bei der Wohnungssuche",
        "Hilfe bei Wohnungsanzeigen, Besichtigungen, Mietvertrag und Wohnberechtigungsschein.",
        "<p>Ehrenamtliche Wohnungslotsen helfen Ihnen, Anzeigen zu verstehen, Vermieter "
        "anzuschreiben und Unterlagen vorzubereiten. Wir erklären auch, was im Mietvertrag "
        "steht.</p>",
        (T.VOLUNTEER_INITIATIVE, T.COORDINATION_POINT, T.WELFARE_ASSOCIATION), weight=3,
        groups=("refugees", "families"), languages=("ar", "en", "uk", "fa"),
        hours=(("16:00", "18:00"),),
        venues=("Rathaus, Zimmer 4", "Bürgerhaus", "Koordinationsstelle"),
    ),
    Kind(
        "mietfuehrerschein", "wohnen", "Mietführerschein",
        "In vier Abenden lernen Sie, was Mieterinnen und Mieter wissen müssen: Mietvertrag, "
        "Nebenkosten, Lüften, Mülltrennung.",
        "<p>Wer den Kurs abschließt, erhält ein Zertifikat, das viele Vermieterinnen und "
        "Vermieter gern sehen.</p><ul><li>Vier Termine</li><li>Mit Dolmetschenden</li></ul>",
        (T.WELFARE_ASSOCIATION, T.INTEGRATION_MANAGEMENT_PROVIDER, T.COORDINATION_POINT),
        scope=REGIONAL, count=3, groups=("refugees", "families"), languages=("ar", "uk", "fa"),
        registration="Bitte anmelden; höchstens zwölf Teilnehmende.", hours=(("18:00", "20:00"),),
        course=True, venues=("Bürgerhaus, Raum 2", "Beratungsstelle, Gruppenraum"),
    ),
    Kind(
        "kleiderkammer", "wohnen", "Kleiderkammer",
        "Gut erhaltene Kleidung, Schuhe und Bettwäsche für Menschen mit wenig Geld.",
        "<p>In der Kleiderkammer gibt es Kleidung für Erwachsene und Kinder gegen eine kleine "
        "Spende. Spenden nehmen wir zu den Öffnungszeiten gern entgegen.</p>",
        (T.CHURCH, T.VOLUNTEER_INITIATIVE, T.WELFARE_ASSOCIATION, T.OTHER), weight=2,
        groups=("everyone", "families"), cost_note="Eine kleine Spende ist willkommen.",
        hours=(("09:00", "12:00"), ("14:00", "17:00")), weekdays=(1, 3, 5),
        venues=("Gemeindehaus, Untergeschoss", "Alte Schule", "Lager am Bauhof"),
    ),
    Kind(
        "moebelboerse", "wohnen", "Möbelbörse",
        "Gebrauchte Möbel und Haushaltsgeräte für Menschen, die in eine eigene Wohnung ziehen.",
        "<p>Wir sammeln gut erhaltene Möbel und geben sie an Familien und Einzelpersonen "
        "weiter. Lieferung nach Absprache.</p>",
        (T.WELFARE_ASSOCIATION, T.VOLUNTEER_INITIATIVE, T.OTHER, T.CHURCH),
        groups=("refugees", "families"), cost_note="Kostenlos; für die Lieferung wird um eine "
        "Spende gebeten.", hours=(("14:00", "17:00"),), weekdays=(2, 5),
        venues=("Halle am Bauhof", "Scheune hinter dem Pfarrhaus"),
    ),
    # Kinder und Familie -------------------------------------------------------------------
    Kind(
        "elterncafe", "kinder-familie", "Elterncafé",
        "Eltern aus aller Welt treffen sich, tauschen sich aus und bekommen Informationen rund "
        "um Kita und Schule.",
        "<p>Beim Elterncafé lernen Sie andere Eltern kennen und können Fragen zu Kita, Schule "
        "und Erziehung stellen. Kleine Kinder dürfen mitkommen, für sie gibt es eine "
        "Spielecke.</p>",
        (T.SCHOOL, T.CHURCH, T.MIGRANT_ORGANISATION, T.COORDINATION_POINT,
         T.VOLUNTEER_INITIATIVE),
        weight=3, groups=("parents", "families"), languages=("ar", "uk", "tr", "fa", "en"),
        hours=(("08:30", "10:00"), ("15:00", "16:30")),
        venues=("Grundschule, Elternraum", "Familienzentrum", "Gemeindehaus"),
    ),
    Kind(
        "eltern_kind_gruppe", "kinder-familie", "Internationale Eltern-Kind-Gruppe",
        "Spielen, singen und sich austauschen: für Mütter und Väter mit Kindern bis drei Jahre.",
        "<p>Die Kinder spielen, die Eltern kommen ins Gespräch. Eine Fachkraft der "
        "Frühen Hilfen ist einmal im Monat dabei.</p>",
        (T.CHURCH, T.VOLUNTEER_INITIATIVE, T.WELFARE_ASSOCIATION, T.COORDINATION_POINT),
        weight=2, groups=("parents", "children", "families"), languages=("ar", "uk", "en"),
        hours=(("09:30", "11:00"),),
        venues=("Familienzentrum", "Gemeindehaus", "Mehrgenerationenhaus"),
    ),
    Kind(
        "ferienprogramm", "kinder-familie", "Ferienprogramm für Kinder",
        "Basteln, Ausflüge und Spiele in den Sommerferien – für Kinder von 6 bis 12 Jahren "
        "aus allen Familien.",
        "<p>Das Programm wird von Vereinen und Ehrenamtlichen der Gemeinde gestaltet. Kinder "
        "mit wenig Deutschkenntnissen sind ausdrücklich willkommen.</p>",
        (T.MUNICIPAL_ADMINISTRATION, T.COORDINATION_POINT, T.CHURCH), groups=("children",),
        cost=Cost.FEE, cost_note="5 € pro Tag; mit Familienpass kostenlos.",
        registration="Anmeldung im Rathaus.", hours=(("09:00", "15:00"),), dated=True,
        venues=("Jugendhaus", "Grundschule, Schulhof"),
    ),
    Kind(
        "kita_online", "kinder-familie", "Online-Infoabend: Kita-Platz finden und anmelden",
        "Wie bekomme ich einen Platz in Kita oder Tagespflege? Ablauf, Fristen und Kosten, "
        "mit Übersetzung.",
        "<p>Die Fachberatung Kindertagesbetreuung erklärt die Anmeldung und beantwortet Ihre "
        "Fragen im Chat. Den Link erhalten Sie nach der Anmeldung.</p>",
        (T.DISTRICT_OFFICE, T.WELFARE_ASSOCIATION), scope=ONLINE, groups=("parents", "families"),
        languages=("ar", "uk", "en"), registration="Anmeldung per E-Mail.",
        hours=(("19:00", "20:30"),), dated=True,
    ),
    # Freizeit und Begegnung ---------------------------------------------------------------
    Kind(
        "frauentreff", "freizeit-begegnung", "Internationaler Frauentreff",
        "Frauen aus vielen Ländern treffen sich zum Reden, Kochen und für gemeinsame Ausflüge.",
        "<p>Ein geschützter Raum nur für Frauen: Wir trinken Tee, sprechen Deutsch, kochen "
        "zusammen und laden Fachfrauen zu Themen wie Gesundheit oder Arbeit ein. Kinder "
        "können mitgebracht werden.</p>",
        (T.MIGRANT_ORGANISATION, T.VOLUNTEER_INITIATIVE, T.CHURCH, T.COORDINATION_POINT),
        weight=3, groups=("women",), languages=("ar", "fa", "uk", "tr", "ku"),
        hours=(("15:00", "17:30"), ("09:30", "11:30")),
        venues=("Mehrgenerationenhaus", "Gemeindehaus", "Familienzentrum"),
    ),
    Kind(
        "begegnungscafe", "freizeit-begegnung", "Begegnungscafé",
        "Einheimische und Zugewanderte treffen sich bei Kaffee, Tee und Spielen – ohne "
        "Anmeldung.",
        "<p>Kommen Sie vorbei, bringen Sie Freunde mit. Es gibt Brettspiele, eine Spielecke für "
        "Kinder und immer jemanden, der bei Fragen weiterhilft.</p>",
        (T.VOLUNTEER_INITIATIVE, T.CHURCH, T.COORDINATION_POINT), weight=3,
        languages=MIGRANT_LANGUAGES, hours=(("15:00", "17:30"),), weekdays=(1, 2, 3, 4, 6),
        venues=("Café im Bürgerhaus", "Gemeindehaus", "Mehrgenerationenhaus"),
        audiences=("für Familien", "am Sonntag"),
    ),
    Kind(
        "fussball", "freizeit-begegnung", "Fußball für alle",
        "Offenes Fußballtraining für Jugendliche und Erwachsene, Einheimische und "
        "Neuzugewanderte.",
        "<p>Jede Woche trainieren wir gemeinsam auf dem Sportplatz, im Winter in der Halle. "
        "Sportkleidung und Hallenschuhe mitbringen; Bälle sind da. Eine Mitgliedschaft im "
        "Verein ist nicht nötig.</p>",
        (T.VOLUNTEER_INITIATIVE, T.COORDINATION_POINT, T.MUNICIPAL_ADMINISTRATION), weight=2,
        groups=("young_people", "everyone"), hours=(("17:30", "19:00"), ("10:00", "12:00")),
        weekdays=(1, 3, 5),
        venues=("Sportplatz", "Sporthalle der Gemeinschaftsschule", "Kunstrasenplatz"),
    ),
    Kind(
        "fahrradwerkstatt", "freizeit-begegnung", "Fahrradwerkstatt",
        "Gemeinsam Fahrräder reparieren – mit Werkzeug, Ersatzteilen und Hilfe von "
        "Ehrenamtlichen.",
        "<p>In der offenen Werkstatt lernen Sie, Ihr Fahrrad selbst zu reparieren. Gespendete "
        "Fahrräder werden hergerichtet und an Menschen ohne Fahrrad weitergegeben.</p>",
        (T.VOLUNTEER_INITIATIVE, T.CHURCH, T.COORDINATION_POINT, T.OTHER), weight=2,
        hours=(("10:00", "13:00"), ("16:00", "19:00")), weekdays=(2, 4, 5),
        venues=("Werkstatt im Bauhof", "Garage am Jugendhaus", "Hof des Gemeindehauses"),
    ),
    Kind(
        "naehcafe", "freizeit-begegnung", "Nähcafé",
        "Nähen, flicken und gemeinsam Neues schaffen – Nähmaschinen und Stoffe sind vorhanden.",
        "<p>Im Nähcafé zeigen erfahrene Näherinnen, wie man Kleidung ändert und repariert. "
        "Anfängerinnen und Anfänger sind willkommen, ebenso Menschen, die ihr Können "
        "weitergeben möchten.</p>",
        (T.VOLUNTEER_INITIATIVE, T.CHURCH, T.MIGRANT_ORGANISATION, T.WELFARE_ASSOCIATION),
        weight=2, groups=("women", "everyone"), hours=(("14:00", "17:00"),),
        venues=("Mehrgenerationenhaus", "Gemeindehaus", "Familienzentrum"),
    ),
    Kind(
        "garten", "freizeit-begegnung", "Interkultureller Garten",
        "Gemeinsam Gemüse und Kräuter anbauen, ernten und kochen – Beete für Familien frei.",
        "<p>Jede Familie kann ein eigenes Beet bekommen; Werkzeug und Saatgut teilen wir. Im "
        "Herbst feiern wir ein Erntefest.</p>",
        (T.VOLUNTEER_INITIATIVE, T.CHURCH, T.MIGRANT_ORGANISATION),
        groups=("families", "everyone"), hours=(("16:00", "19:00"),), weekdays=(2, 5),
        schedule_note="Von April bis Oktober.",
        venues=("Gemeinschaftsgarten am Mühlbach", "Garten hinter dem Pfarrhaus"),
    ),
    Kind(
        "kochabend", "freizeit-begegnung", "Internationaler Kochabend",
        "Jeden Monat kocht eine andere Gruppe Gerichte aus ihrer Heimat; danach essen alle "
        "zusammen.",
        "<p>Wer mitkochen möchte, kommt um 18 Uhr, alle anderen zum Essen um 19:30 Uhr. Rezepte "
        "gibt es zum Mitnehmen.</p>",
        (T.MIGRANT_ORGANISATION, T.VOLUNTEER_INITIATIVE, T.CHURCH), cost=Cost.FEE,
        cost_note="3 € für die Zutaten.", hours=(("18:00", "21:00"),), weekdays=(4,),
        schedule_note="Am letzten Freitag im Monat.",
        venues=("Gemeindehaus, Küche", "Bürgerhaus, Lehrküche"),
    ),
    Kind(
        "radfahrkurs", "freizeit-begegnung", "Radfahrkurs für Frauen",
        "Radfahren lernen im geschützten Rahmen – Fahrräder und Helme werden gestellt.",
        "<p>In sechs Terminen üben wir Gleichgewicht, Bremsen und Verkehrsregeln, zuerst auf "
        "dem Schulhof, dann auf ruhigen Wegen.</p>",
        (T.VOLUNTEER_INITIATIVE, T.COORDINATION_POINT, T.WELFARE_ASSOCIATION),
        groups=("women",), registration="Bitte anmelden; höchstens zehn Teilnehmerinnen.",
        hours=(("10:00", "12:00"),), weekdays=(5,), course=True,
        venues=("Schulhof der Grundschule",),
    ),
    Kind(
        "schwimmkurs", "freizeit-begegnung", "Schwimmkurs für Frauen",
        "Schwimmen lernen mit einer Trainerin während der Frauenbadezeit im Hallenbad.",
        "<p>Der Kurs hat zehn Termine. Badekleidung nach eigener Wahl ist erlaubt, auch "
        "Burkini.</p>",
        (T.VOLUNTEER_INITIATIVE, T.MIGRANT_ORGANISATION, T.COORDINATION_POINT), scope=REGIONAL,
        count=2, groups=("women",), cost=Cost.FEE,
        cost_note="Nur der Eintritt ins Hallenbad; der Kurs ist kostenlos.",
        registration="Bitte anmelden.", hours=(("19:00", "20:00"),), weekdays=(0, 2),
        course=True, venues=("Hallenbad",),
    ),
    # Recht und Aufenthalt -----------------------------------------------------------------
    Kind(
        "rechtsberatung", "recht-aufenthalt", "Rechtsberatung zum Aufenthaltsrecht",
        "Kostenlose Beratung durch eine Fachanwältin für Migrationsrecht: Asylverfahren, "
        "Aufenthaltserlaubnis, Familiennachzug.",
        "<p>In der Sprechstunde klären Sie Fragen zu Ihrem Aufenthalt, zu Bescheiden und "
        "Fristen. Bitte bringen Sie alle Bescheide und Briefe mit. Termine nur nach "
        "Anmeldung.</p>",
        (T.WELFARE_ASSOCIATION, T.MIGRATION_COUNSELLING), scope=REGIONAL, count=3, weight=2,
        groups=("refugees",), languages=("en", "ar", "fa"),
        registration="Nur mit Termin: bitte telefonisch anmelden.", hours=(("14:00", "17:00"),),
        venues=("Beratungsstelle", "Bürgerhaus, Raum 3"), whole_district=True,
        schedule_note="Jeden zweiten Donnerstag im Monat.", weekdays=(3,),
    ),
    Kind(
        "abh_sprechstunde", "recht-aufenthalt", "Sprechstunde der Ausländerbehörde",
        "Anliegen zu Aufenthaltstitel, Verlängerung und Beschäftigungserlaubnis vor Ort klären "
        "– ohne Fahrt ins Landratsamt.",
        "<p>Bringen Sie Ihren Pass, Ihren Aufenthaltstitel und alle Unterlagen zu Ihrem "
        "Anliegen mit.</p>",
        (T.IMMIGRATION_AUTHORITY,), scope=REGIONAL, count=3, registration="Termin online oder "
        "telefonisch buchen.", hours=(("08:30", "12:00"),),
        venues=("Rathaus, Bürgerbüro", "Verwaltungsstelle, Raum 2"),
    ),
    Kind(
        "einbuergerung", "recht-aufenthalt", "Infoabend Einbürgerung",
        "Voraussetzungen, Unterlagen, Einbürgerungstest und Ablauf des Verfahrens – mit Zeit "
        "für Fragen.",
        "<p>Die Einbürgerungsbehörde erklärt das Verfahren nach dem neuen "
        "Staatsangehörigkeitsrecht. Eine Anmeldung ist nicht nötig.</p>",
        (T.IMMIGRATION_AUTHORITY, T.ADULT_EDUCATION), scope=REGIONAL, count=2,
        hours=(("18:30", "20:00"),), dated=True, whole_district=True,
        venues=("Volkshochschule, Saal", "Landratsamt, Sitzungssaal"),
    ),
    # Ehrenamt -----------------------------------------------------------------------------
    Kind(
        "ehrenamtsschulung", "ehrenamt", "Ehrenamtsschulung",
        "Fortbildung für Ehrenamtliche in der Arbeit mit Geflüchteten – kostenlos, mit "
        "Teilnahmebescheinigung.",
        "<p>Die Koordination Ehrenamt lädt Fachleute ein und gibt Raum für Austausch unter "
        "Ehrenamtlichen aus dem ganzen Landkreis.</p>",
        (T.DISTRICT_OFFICE, T.COORDINATION_POINT, T.WELFARE_ASSOCIATION), scope=REGIONAL,
        count=6, weight=2, groups=("volunteers",),
        titles=(
            "Ehrenamtsschulung: Interkulturelle Kompetenz",
            "Ehrenamtsschulung: Asyl- und Aufenthaltsrecht",
            "Ehrenamtsschulung: Grenzen setzen und gut für sich sorgen",
            "Ehrenamtsschulung: Deutsch im Alltag vermitteln",
            "Ehrenamtsschulung: Traumasensibel begleiten",
        ),
        registration="Anmeldung bei der Koordination Ehrenamt im Landratsamt.",
        hours=(("18:00", "21:00"), ("09:30", "16:00")), dated=True,
        venues=("Bürgerhaus, großer Saal", "Gemeindehaus", "Landratsamt, Sitzungssaal"),
    ),
    Kind(
        "helferkreistreffen", "ehrenamt", "Offenes Treffen des Helferkreises",
        "Wer sich engagieren möchte, lernt hier die Gruppe und ihre Projekte kennen.",
        "<p>Wir berichten aus den Projekten, planen die nächsten Wochen und freuen uns über "
        "neue Gesichter – auch über Zugewanderte, die selbst helfen möchten.</p>",
        (T.VOLUNTEER_INITIATIVE, T.COORDINATION_POINT), weight=2,
        groups=("volunteers", "everyone"), hours=(("19:30", "21:00"),), weekdays=(1,),
        schedule_note="Am ersten Dienstag im Monat.", venues=("Gemeindehaus", "Bürgerhaus"),
    ),
    Kind(
        "patenschaften", "ehrenamt", "Patenschaften für Familien – Ehrenamtliche gesucht",
        "Begleiten Sie eine neu zugezogene Familie ein Jahr lang im Alltag; wir bereiten Sie "
        "vor und stehen Ihnen zur Seite.",
        "<p>Patinnen und Paten helfen bei Briefen, Terminen und der Orientierung im Ort. Ein "
        "bis zwei Stunden pro Woche genügen.</p>",
        (T.COORDINATION_POINT, T.VOLUNTEER_INITIATIVE, T.WELFARE_ASSOCIATION),
        groups=("volunteers",), registration="Bitte melden Sie sich für ein Kennenlerngespräch.",
        hours=(("10:00", "12:00"),), venues=("Koordinationsstelle", "Rathaus, Zimmer 5"),
    ),
    Kind(
        "dolmetscherpool", "ehrenamt", "Dolmetscherpool des Landkreises",
        "Ehrenamtliche Sprachmittlerinnen und Sprachmittler übersetzen bei Beratungsgesprächen, "
        "in Schulen und Kitas.",
        "<p>Fachstellen, Schulen und Kitas können Sprachmittlung über die Koordination Ehrenamt "
        "anfragen. Neue Sprachmittlerinnen und Sprachmittler sind willkommen; sie erhalten eine "
        "Aufwandsentschädigung.</p>",
        (T.DISTRICT_OFFICE,), scope=DISTRICT, groups=("professionals", "volunteers"),
        languages=("ar", "fa", "uk", "ru", "tr", "ku", "ti", "ps"),
        registration="Anfragen per E-Mail mindestens eine Woche im Voraus.",
        hours=(("09:00", "12:00"),), days=2, venues=("Landratsamt, Koordination Ehrenamt",),
        whole_district=True,
    ),
)  # fmt: skip
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}

# Hand-written translations of 21 kinds: title (with the place), summary, description.
# Place names stay in Latin letters, as on German signs and letters.
TRANSLATIONS = {
    "integrationskurs": {
        "en": (
            "Integration course in {place}",
            "German up to level B1 and an orientation course on society, history and law in "
            "Germany.",
            "<p>The integration course consists of a language course and an orientation "
            "course. It ends with the German test for immigrants (DTZ) and the test “Life in "
            "Germany”.</p><ul><li>Mornings, five days a week</li><li>Placement test before "
            "the course starts</li><li>Please bring your certificate of eligibility from the "
            "BAMF, the Jobcenter or the immigration office</li></ul>",
        ),
        "ar": (
            "دورة الاندماج – {place}",
            "اللغة الألمانية حتى المستوى B1 ودورة توجيهية حول المجتمع والتاريخ والقانون في "
            "ألمانيا.",
            "<p>تتكوّن دورة الاندماج من دورة لغة ودورة توجيهية، وفي نهايتها يُجرى اختبار اللغة "
            "الألمانية للمهاجرين (DTZ) واختبار «الحياة في ألمانيا».</p><ul><li>في الفترة "
            "الصباحية، خمسة أيام في الأسبوع</li><li>اختبار لتحديد المستوى قبل بدء الدورة</li>"
            "<li>يُرجى إحضار شهادة الأحقية من المكتب الاتحادي للهجرة واللاجئين (BAMF) أو مركز "
            "العمل (Jobcenter) أو دائرة الأجانب</li></ul>",
        ),
        "uk": (
            "Інтеграційний курс – {place}",
            "Німецька мова до рівня B1 та орієнтаційний курс про суспільство, історію та право "
            "Німеччини.",
            "<p>Інтеграційний курс складається з мовного та орієнтаційного курсу. Наприкінці "
            "складають тест з німецької мови для іммігрантів (DTZ) і тест «Життя в "
            "Німеччині».</p><ul><li>Зранку, п’ять днів на тиждень</li><li>Тест на визначення "
            "рівня перед початком курсу</li><li>Візьміть із собою дозвіл на участь від BAMF, "
            "Jobcenter або відомства у справах іноземців</li></ul>",
        ),
    },
    "integrationskurs_frauen": {
        "en": (
            "Integration course for women with childcare in {place}",
            "Learn German in a women's group while your children are looked after next door.",
            "<p>The course is for mothers and other women who want to attend an integration "
            "course. Qualified staff look after young children during the lessons.</p><ul>"
            "<li>Mornings, four days a week</li><li>Please mention when you register that you "
            "need childcare</li></ul>",
        ),
        "ar": (
            "دورة الاندماج للنساء مع رعاية الأطفال – {place}",
            "تعلّمي الألمانية ضمن مجموعة نسائية بينما يحظى أطفالك بالرعاية في الغرفة المجاورة.",
            "<p>هذه الدورة موجّهة إلى الأمهات والنساء اللواتي يرغبن في حضور دورة الاندماج. "
            "يعتني مختصون بالأطفال الصغار أثناء الدروس.</p><ul><li>في الفترة الصباحية، أربعة "
            "أيام في الأسبوع</li><li>يُرجى ذكر الحاجة إلى رعاية الأطفال عند التسجيل</li></ul>",
        ),
        "uk": (
            "Інтеграційний курс для жінок із доглядом за дітьми – {place}",
            "Вивчайте німецьку в жіночій групі, поки ваших дітей доглядають у сусідній кімнаті.",
            "<p>Курс призначений для матерів та інших жінок, які хочуть відвідувати "
            "інтеграційний курс. Під час занять за маленькими дітьми доглядають фахівці.</p>"
            "<ul><li>Зранку, чотири дні на тиждень</li><li>Будь ласка, під час реєстрації "
            "повідомте, що вам потрібен догляд за дитиною</li></ul>",
        ),
    },
    "alphakurs": {
        "en": (
            "Literacy course in {place}",
            "Learn to read and write in the Latin alphabet, together with everyday German.",
            "<p>For adults who cannot read and write, or only a little, or who are learning the "
            "Latin alphabet. The course is an integration course with more lessons and smaller "
            "groups.</p>",
        ),
        "ar": (
            "دورة محو الأمية – {place}",
            "تعلّم القراءة والكتابة بالحروف اللاتينية إلى جانب الألمانية للحياة اليومية.",
            "<p>للبالغين الذين لا يجيدون القراءة والكتابة أو يجيدونهما قليلًا، أو الذين "
            "يتعلّمون الحروف اللاتينية من جديد. هذه الدورة دورة اندماج بعدد أكبر من الحصص "
            "ومجموعات أصغر.</p>",
        ),
        "uk": (
            "Курс грамотності – {place}",
            "Навчіться читати й писати латиницею та водночас вивчайте німецьку для "
            "повсякденного життя.",
            "<p>Для дорослих, які не вміють або погано вміють читати й писати, або вперше "
            "вивчають латинський алфавіт. Це інтеграційний курс із більшою кількістю занять і "
            "меншими групами.</p>",
        ),
    },
    "deutschkurs": {
        "en": (
            "German course for beginners in {place}",
            "Volunteers practise everyday German with you: shopping, doctor's appointments, "
            "talking to neighbours.",
            "<p>A free course for everyone who is still waiting for a place in an integration "
            "course or wants to practise more. No previous knowledge is needed.</p><ul><li>"
            "Small groups</li><li>You can join at any time</li></ul>",
        ),
        "ar": (
            "دورة لغة ألمانية للمبتدئين – {place}",
            "يتدرّب معك متطوعون على الألمانية للحياة اليومية: التسوّق ومواعيد الطبيب والحديث "
            "مع الجيران.",
            "<p>دورة مجانية لكل من ينتظر مقعدًا في دورة الاندماج أو يرغب في التدرّب أكثر. لا "
            "يلزم أي معرفة مسبقة.</p><ul><li>مجموعات صغيرة</li><li>يمكن الانضمام في أي وقت"
            "</li></ul>",
        ),
        "uk": (
            "Курс німецької для початківців – {place}",
            "Волонтери практикують з вами німецьку для повсякденного життя: покупки, візити до "
            "лікаря, розмови з сусідами.",
            "<p>Безкоштовний курс для всіх, хто ще чекає на місце в інтеграційному курсі або "
            "хоче більше практикуватися. Попередні знання не потрібні.</p><ul><li>Невеликі "
            "групи</li><li>Приєднатися можна будь-коли</li></ul>",
        ),
    },
    "sprachcafe": {
        "en": (
            "Language café in {place}",
            "Speak German over coffee and cake – in a relaxed group with local people.",
            "<p>At the language café, people from many countries meet local residents to speak "
            "German in a relaxed way. All levels are welcome.</p>",
        ),
        "ar": (
            "مقهى اللغة – {place}",
            "تحدّث الألمانية مع القهوة والكعك في جلسة مريحة مع السكان المحليين.",
            "<p>في مقهى اللغة يلتقي أشخاص من بلدان كثيرة بالسكان المحليين للتحدث بالألمانية "
            "بشكل عفوي. جميع المستويات مرحّب بها.</p>",
        ),
        "uk": (
            "Мовне кафе – {place}",
            "Розмовляйте німецькою за кавою та тістечками – у невимушеному колі з місцевими "
            "жителями.",
            "<p>У мовному кафе люди з різних країн зустрічаються з місцевими жителями, щоб "
            "невимушено поспілкуватися німецькою. Запрошуємо людей з будь-яким рівнем мови.</p>",
        ),
    },
    "hausaufgabenhilfe": {
        "en": (
            "Homework help in {place}",
            "Volunteers help schoolchildren with their homework and with reading.",
            "<p>Children in years 1 to 7 get support with their homework, with reading and "
            "with studying for tests. Please bring exercise books and school books.</p>",
        ),
        "ar": (
            "المساعدة في الواجبات المدرسية – {place}",
            "يساعد متطوعون تلاميذ المدارس في واجباتهم المدرسية وفي القراءة.",
            "<p>يحصل أطفال الصفوف من الأول إلى السابع على دعم في الواجبات المدرسية والقراءة "
            "والاستعداد للاختبارات. يُرجى إحضار الدفاتر والكتب.</p>",
        ),
        "uk": (
            "Допомога з домашніми завданнями – {place}",
            "Волонтери допомагають школярам із домашніми завданнями та читанням.",
            "<p>Діти з 1 по 7 клас отримують допомогу з домашніми завданнями, читанням і "
            "підготовкою до контрольних робіт. Будь ласка, візьміть із собою зошити та "
            "підручники.</p>",
        ),
    },
    "schulsystem": {
        "en": (
            "Parents' evening on the German school system in {place}",
            "How do primary school, secondary schools and vocational training work? With "
            "interpreters.",
            "<p>Teachers and school social workers explain which types of school there are, "
            "how the move after primary school works and how parents can support their "
            "children. Interpreters translate.</p>",
        ),
        "ar": (
            "أمسية لأولياء الأمور حول النظام المدرسي الألماني – {place}",
            "كيف تعمل المدرسة الابتدائية والمدارس الثانوية والتدريب المهني؟ بحضور مترجمين.",
            "<p>يشرح المعلمون والأخصائيون الاجتماعيون في المدرسة أنواع المدارس الموجودة، وكيف "
            "يتم الانتقال بعد المدرسة الابتدائية، وكيف يمكن لأولياء الأمور دعم أطفالهم. يقوم "
            "مترجمون بالترجمة.</p>",
        ),
        "uk": (
            "Батьківські збори про німецьку шкільну систему – {place}",
            "Як працюють початкова школа, середні школи та професійне навчання? За участі "
            "перекладачів.",
            "<p>Вчителі та шкільні соціальні працівники пояснюють, які є типи шкіл, як "
            "відбувається перехід після початкової школи і як батьки можуть підтримати своїх "
            "дітей. Перекладачі перекладають.</p>",
        ),
    },
    "bewerbungstraining": {
        "en": (
            "Job application training in {place}",
            "Write your CV and cover letter, practise job interviews.",
            "<p>Together we prepare your application documents and practise job interviews. "
            "Please bring your certificates and, if you have one, a USB stick.</p><ul><li>"
            "Individual and group appointments</li><li>Computers available on site</li></ul>",
        ),
        "ar": (
            "التدريب على طلبات التوظيف – {place}",
            "إعداد السيرة الذاتية ورسالة التقديم والتدرّب على مقابلات العمل.",
            "<p>نُعدّ معًا ملف طلب التوظيف الخاص بك ونتدرّب على مقابلات العمل. يُرجى إحضار "
            "الشهادات وذاكرة USB إن وُجدت.</p><ul><li>مواعيد فردية وجماعية</li><li>تتوفر "
            "أجهزة كمبيوتر في المكان</li></ul>",
        ),
        "uk": (
            "Тренінг із працевлаштування – {place}",
            "Складіть резюме та супровідний лист, потренуйтеся проходити співбесіду.",
            "<p>Разом ми підготуємо ваші документи для працевлаштування та потренуємося "
            "проходити співбесіди. Будь ласка, візьміть із собою свідоцтва та, якщо є, "
            "USB-накопичувач.</p><ul><li>Індивідуальні та групові зустрічі</li><li>На місці є "
            "комп’ютери</li></ul>",
        ),
    },
    "anerkennung": {
        "en": (
            "Advice on the recognition of qualifications in {place}",
            "We check with you whether and how your vocational or university qualification can "
            "be recognised in Germany.",
            "<p>Please bring your certificates and, if available, translations. We explain the "
            "procedure, the responsible authority and the costs, and help you with the "
            "application.</p>",
        ),
        "ar": (
            "استشارات الاعتراف بالشهادات – {place}",
            "نتحقّق معك مما إذا كان يمكن الاعتراف بشهادتك المهنية أو الجامعية في ألمانيا "
            "وكيف يتم ذلك.",
            "<p>يُرجى إحضار شهاداتك وترجماتها إن وُجدت. نشرح لك الإجراءات والجهة المختصة "
            "والتكاليف، ونساعدك في تقديم الطلب.</p>",
        ),
        "uk": (
            "Консультація щодо визнання дипломів – {place}",
            "Ми разом з вами перевіримо, чи можна визнати ваш професійний або університетський "
            "диплом у Німеччині і як це зробити.",
            "<p>Будь ласка, візьміть із собою свої документи про освіту та, якщо є, їхні "
            "переклади. Ми пояснимо процедуру, відповідальну установу та вартість і допоможемо "
            "із заявою.</p>",
        ),
    },
    "mbe": {
        "en": (
            "Migration counselling for adults – office hours in {place}",
            "Free counselling for immigrants aged 27 and over on language, work, housing, "
            "family and dealing with authorities.",
            "<p>The migration counselling service for adults (MBE) helps with applications and "
            "letters from authorities, with finding a language course and with questions about "
            "work, housing and health. Counselling is confidential.</p>",
        ),
        "ar": (
            "استشارات الهجرة للبالغين – {place}",
            "استشارات مجانية للمهاجرين من عمر 27 عامًا فما فوق حول اللغة والعمل والسكن والأسرة "
            "والتعامل مع الدوائر الرسمية.",
            "<p>تساعد استشارات الهجرة للبالغين (MBE) في تعبئة الطلبات وفهم رسائل الدوائر "
            "الرسمية، وفي البحث عن دورة لغة، وفي الأسئلة المتعلقة بالعمل والسكن والصحة. "
            "الاستشارة سرّية.</p>",
        ),
        "uk": (
            "Міграційна консультація для дорослих – {place}",
            "Безкоштовні консультації для іммігрантів віком від 27 років з питань мови, роботи, "
            "житла, сім’ї та спілкування з установами.",
            "<p>Міграційна консультація для дорослих (MBE) допомагає із заявами та листами від "
            "установ, пошуком мовного курсу, а також із питаннями щодо роботи, житла та "
            "здоров’я. Консультація конфіденційна.</p>",
        ),
    },
    "jmd": {
        "en": (
            "Youth Migration Service – counselling in {place}",
            "Advice and support for young immigrants aged 12 to 27: school, vocational "
            "training, work.",
            "<p>The Youth Migration Service (JMD) helps young people settle in: choosing a "
            "school, finding an apprenticeship and with personal questions. Parents can get "
            "advice too.</p>",
        ),
        "ar": (
            "خدمة هجرة الشباب – {place}",
            "استشارة ومرافقة للشباب المهاجرين من عمر 12 إلى 27 عامًا: المدرسة والتدريب المهني "
            "والعمل.",
            "<p>تدعم خدمة هجرة الشباب (JMD) الشباب في بداية حياتهم الجديدة: في اختيار المدرسة، "
            "والبحث عن مكان للتدريب المهني، وفي المسائل الشخصية. ويمكن لأولياء الأمور أيضًا "
            "الحصول على استشارة.</p>",
        ),
        "uk": (
            "Молодіжна міграційна служба – {place}",
            "Консультації та супровід для молодих іммігрантів віком від 12 до 27 років: школа, "
            "професійне навчання, робота.",
            "<p>Молодіжна міграційна служба (JMD) допомагає молодим людям облаштуватися: обрати "
            "школу, знайти місце для професійного навчання та вирішити особисті питання. Батьки "
            "також можуть отримати консультацію.</p>",
        ),
    },
    "asylsozialberatung": {
        "en": (
            "Social counselling for asylum seekers in {place}",
            "Counselling for refugees in the asylum procedure and with a Duldung: letters from "
            "authorities, benefits, daycare and school.",
            "<p>The social workers of the refugee social service advise you on everyday life in "
            "Germany, explain letters from authorities and refer you to specialist services. "
            "Please bring your documents.</p>",
        ),
        "ar": (
            "الاستشارة الاجتماعية لطالبي اللجوء – {place}",
            "استشارة للاجئين في إجراءات اللجوء والحاصلين على وثيقة تسامح (Duldung): رسائل "
            "الدوائر الرسمية والإعانات والحضانة والمدرسة.",
            "<p>يقدّم الأخصائيون الاجتماعيون في خدمة رعاية اللاجئين استشارات حول حياتك اليومية "
            "في ألمانيا، ويشرحون رسائل الدوائر الرسمية، ويحيلونك إلى الجهات المختصة. يُرجى "
            "إحضار وثائقك.</p>",
        ),
        "uk": (
            "Соціальна консультація для шукачів притулку – {place}",
            "Консультації для біженців, які проходять процедуру надання притулку або мають "
            "Duldung: листи від установ, виплати, дитячий садок і школа.",
            "<p>Соціальні працівники служби допомоги біженцям консультують вас щодо "
            "повсякденного життя в Німеччині, пояснюють листи від установ і направляють до "
            "профільних служб. Будь ласка, візьміть із собою свої документи.</p>",
        ),
    },
    "hebamme": {
        "en": (
            "Midwife consultation for refugee women in {place}",
            "A midwife advises pregnant women and new mothers – with a female interpreter if "
            "you wish.",
            "<p>The midwife answers questions about pregnancy, birth, breastfeeding and the "
            "time after birth, and helps you find a midwife and a gynaecologist. The "
            "consultation is free of charge.</p>",
        ),
        "ar": (
            "استشارة القابلة للنساء اللاجئات – {place}",
            "تقدّم قابلة استشارات للحوامل والأمهات الجدد، مع مترجمة عند الطلب.",
            "<p>تجيب القابلة عن الأسئلة المتعلقة بالحمل والولادة والرضاعة الطبيعية وفترة ما "
            "بعد الولادة، وتساعد في البحث عن قابلة وعيادة طبيبة نسائية. الاستشارة مجانية.</p>",
        ),
        "uk": (
            "Консультація акушерки для жінок-біженок – {place}",
            "Акушерка консультує вагітних і молодих мам – за бажанням із перекладачкою.",
            "<p>Акушерка відповідає на запитання про вагітність, пологи, грудне вигодовування "
            "та період після пологів і допомагає знайти акушерку та гінеколога. Консультація "
            "безкоштовна.</p>",
        ),
    },
    "wohnungssuche": {
        "en": (
            "Help with finding a flat in {place}",
            "Help with housing ads, viewings, the tenancy agreement and the housing entitlement "
            "certificate.",
            "<p>Volunteer housing guides help you understand ads, write to landlords and "
            "prepare your documents. We also explain what the tenancy agreement says.</p>",
        ),
        "ar": (
            "المساعدة في البحث عن سكن – {place}",
            "المساعدة في فهم إعلانات الشقق والمعاينات وعقد الإيجار وشهادة الأحقية في السكن.",
            "<p>يساعدك متطوعون مرشدون في مجال السكن على فهم الإعلانات ومراسلة المؤجّرين وتحضير "
            "الأوراق اللازمة. ونشرح لك أيضًا ما يتضمّنه عقد الإيجار.</p>",
        ),
        "uk": (
            "Допомога в пошуку житла – {place}",
            "Допомога з оголошеннями про житло, оглядами квартир, договором оренди та довідкою "
            "на соціальне житло (WBS).",
            "<p>Волонтери-консультанти з житлових питань допоможуть вам зрозуміти оголошення, "
            "написати орендодавцям і підготувати документи. Ми також пояснимо, що написано в "
            "договорі оренди.</p>",
        ),
    },
    "kleiderkammer": {
        "en": (
            "Clothing store in {place}",
            "Clothes, shoes and bed linen in good condition for people with little money.",
            "<p>The clothing store has clothes for adults and children for a small donation. "
            "We are happy to accept donations during opening hours.</p>",
        ),
        "ar": (
            "مستودع الملابس – {place}",
            "ملابس وأحذية وأغطية أسرّة بحالة جيدة للأشخاص ذوي الدخل المحدود.",
            "<p>يوفّر مستودع الملابس ملابس للكبار والأطفال مقابل تبرّع رمزي. ونستقبل التبرعات "
            "بكل سرور خلال ساعات العمل.</p>",
        ),
        "uk": (
            "Пункт видачі одягу – {place}",
            "Одяг, взуття та постільна білизна в доброму стані для людей з невеликим доходом.",
            "<p>У пункті видачі одягу можна отримати одяг для дорослих і дітей за невеликий "
            "добровільний внесок. Пожертви ми радо приймаємо в години роботи.</p>",
        ),
    },
    "elterncafe": {
        "en": (
            "Parents' café in {place}",
            "Parents from all over the world meet, share experiences and get information about "
            "daycare and school.",
            "<p>At the parents' café you meet other parents and can ask questions about "
            "daycare, school and bringing up children. Young children are welcome; there is a "
            "play corner for them.</p>",
        ),
        "ar": (
            "مقهى الأهالي – {place}",
            "يلتقي آباء وأمهات من جميع أنحاء العالم لتبادل الخبرات والحصول على معلومات حول "
            "الحضانة والمدرسة.",
            "<p>في مقهى الأهالي تتعرّف على آباء وأمهات آخرين ويمكنك طرح الأسئلة حول الحضانة "
            "والمدرسة والتربية. يمكن إحضار الأطفال الصغار، إذ تتوفّر لهم زاوية للعب.</p>",
        ),
        "uk": (
            "Батьківське кафе – {place}",
            "Батьки з усього світу зустрічаються, обмінюються досвідом і отримують інформацію "
            "про дитячий садок і школу.",
            "<p>У батьківському кафе ви познайомитеся з іншими батьками та зможете поставити "
            "запитання про дитячий садок, школу й виховання. Маленьких дітей можна брати з "
            "собою – для них є ігровий куточок.</p>",
        ),
    },
    "frauentreff": {
        "en": (
            "International women's meeting in {place}",
            "Women from many countries meet to talk, cook and go on outings together.",
            "<p>A safe space just for women: we drink tea, speak German, cook together and "
            "invite experts on topics such as health or work. You can bring your children.</p>",
        ),
        "ar": (
            "ملتقى النساء الدولي – {place}",
            "تلتقي نساء من بلدان كثيرة للحديث والطبخ والقيام برحلات مشتركة.",
            "<p>مساحة آمنة للنساء فقط: نشرب الشاي ونتحدث الألمانية ونطبخ معًا وندعو مختصات "
            "للحديث عن مواضيع مثل الصحة أو العمل. يمكن إحضار الأطفال.</p>",
        ),
        "uk": (
            "Міжнародна жіноча зустріч – {place}",
            "Жінки з різних країн зустрічаються, щоб поспілкуватися, разом готувати та їздити "
            "на екскурсії.",
            "<p>Безпечний простір лише для жінок: ми п’ємо чай, розмовляємо німецькою, разом "
            "готуємо та запрошуємо фахівчинь, які розповідають про здоров’я чи роботу. Дітей "
            "можна брати з собою.</p>",
        ),
    },
    "fussball": {
        "en": (
            "Football for everyone in {place}",
            "Open football training for young people and adults, locals and newcomers.",
            "<p>Every week we train together on the sports ground, and in the sports hall in "
            "winter. Bring sportswear and indoor shoes; we have balls. You do not need to join "
            "the club.</p>",
        ),
        "ar": (
            "كرة القدم للجميع – {place}",
            "تدريب مفتوح على كرة القدم للشباب والبالغين، من السكان المحليين والقادمين الجدد.",
            "<p>نتدرّب معًا كل أسبوع في الملعب، وفي الشتاء في الصالة الرياضية. أحضر ملابس "
            "رياضية وحذاءً للصالة؛ الكرات متوفرة. لا يلزم الانتساب إلى النادي.</p>",
        ),
        "uk": (
            "Футбол для всіх – {place}",
            "Відкриті футбольні тренування для молоді та дорослих, місцевих жителів і "
            "новоприбулих.",
            "<p>Щотижня ми тренуємося разом на стадіоні, а взимку – у спортзалі. Візьміть "
            "спортивний одяг і змінне взуття; м’ячі є. Вступати до клубу не потрібно.</p>",
        ),
    },
    "fahrradwerkstatt": {
        "en": (
            "Bicycle workshop in {place}",
            "Repair bikes together – with tools, spare parts and help from volunteers.",
            "<p>In the open workshop you learn to repair your bike yourself. Donated bikes are "
            "done up and passed on to people who do not have one.</p>",
        ),
        "ar": (
            "ورشة الدراجات الهوائية – {place}",
            "إصلاح الدراجات معًا، مع توفّر الأدوات وقطع الغيار ومساعدة المتطوعين.",
            "<p>في الورشة المفتوحة تتعلّم إصلاح دراجتك بنفسك. ويتم تجهيز الدراجات المتبرَّع بها "
            "وتقديمها لمن لا يملكون دراجة.</p>",
        ),
        "uk": (
            "Велосипедна майстерня – {place}",
            "Ремонтуємо велосипеди разом – з інструментами, запчастинами та допомогою волонтерів.",
            "<p>У відкритій майстерні ви навчитеся самостійно ремонтувати свій велосипед. "
            "Подаровані велосипеди лагодимо й передаємо людям, які не мають велосипеда.</p>",
        ),
    },
    "naehcafe": {
        "en": (
            "Sewing café in {place}",
            "Sew, mend and make new things together – sewing machines and fabrics are provided.",
            "<p>At the sewing café, experienced sewers show how to alter and repair clothes. "
            "Beginners are welcome, and so are people who want to share their skills.</p>",
        ),
        "ar": (
            "مقهى الخياطة – {place}",
            "الخياطة والترقيع وصنع أشياء جديدة معًا، مع توفّر ماكينات الخياطة والأقمشة.",
            "<p>في مقهى الخياطة تعرض خيّاطات متمرّسات كيفية تعديل الملابس وإصلاحها. المبتدئون "
            "مرحّب بهم، وكذلك من يرغبون في نقل مهاراتهم إلى الآخرين.</p>",
        ),
        "uk": (
            "Кафе шиття – {place}",
            "Шиємо, лагодимо та створюємо нове разом – швейні машини й тканини є на місці.",
            "<p>У кафе шиття досвідчені швачки показують, як перешивати та ремонтувати одяг. "
            "Запрошуємо початківців, а також тих, хто хоче поділитися своїми вміннями.</p>",
        ),
    },
    "rechtsberatung": {
        "en": (
            "Legal advice on residence law in {place}",
            "Free advice from a lawyer specialising in migration law: asylum procedure, "
            "residence permit, family reunification.",
            "<p>In the consultation you can clarify questions about your residence status, "
            "decisions and deadlines. Please bring all decisions and letters. By appointment "
            "only.</p>",
        ),
        "ar": (
            "استشارة قانونية حول قانون الإقامة – {place}",
            "استشارة مجانية تقدّمها محامية متخصصة في قانون الهجرة: إجراءات اللجوء وتصريح "
            "الإقامة ولمّ الشمل.",
            "<p>في ساعات الاستشارة يمكنك الاستفسار عن وضع إقامتك والقرارات والمواعيد النهائية. "
            "يُرجى إحضار جميع القرارات والرسائل. المواعيد بالتسجيل المسبق فقط.</p>",
        ),
        "uk": (
            "Юридична консультація з права на перебування – {place}",
            "Безкоштовна консультація адвокатки, що спеціалізується на міграційному праві: "
            "процедура надання притулку, дозвіл на проживання, возз’єднання сім’ї.",
            "<p>На консультації ви можете з’ясувати питання щодо вашого права на перебування, "
            "рішень і строків. Будь ласка, візьміть із собою всі рішення та листи. Лише за "
            "попереднім записом.</p>",
        ),
    },
}

# An addition to the German summary made after the translations: they become outdated.
LATER_ADDITIONS = (
    "Neu: Wir treffen uns jetzt in einem größeren Raum.",
    "Neu: Auch in den Schulferien geöffnet.",
    "Bitte beachten Sie die geänderten Zeiten.",
    "Neu: Kinderbetreuung während des Angebots.",
)
ACCESSIBILITY = (
    "",
    "",
    "Barrierefreier Zugang, Aufzug vorhanden.",
    "Eingang mit zwei Stufen; bitte melden Sie sich, wir helfen.",
    "Barrierefreie Toilette im Erdgeschoss.",
    "Rollstuhlgerecht über den Seiteneingang.",
)
CHANGE_NOTES = (
    ("Ab dem nächsten Monat auch samstags.", 5),
    ("Ein Termin pro Woche entfällt künftig.", None),
    ("Neue Ansprechperson ab dem kommenden Quartal.", None),
)


def title_for(kind, place, index=0):
    """The German title of an offer of ``kind`` in ``place`` (None: district-wide, online)."""
    name = kind.titles[index % len(kind.titles)] if kind.titles else kind.name
    return f"{name} in {place}" if place else name


def translated(kind, language, place):
    """Return (title, summary, description) of ``kind`` in ``language``, or None."""
    texts = TRANSLATIONS.get(kind.key, {}).get(language)
    if texts is None:
        return None
    title, summary, description = texts
    if not place:
        title = title.split(" – {place}")[0].split(" in {place}")[0]
    return title.format(place=place), summary, description


def postal_code(municipality):
    """The demo postal code of a municipality, as the demo directory gives it."""
    # Generated districts have more than 99 municipalities: stay within five digits.
    return f"79{(900 + int(municipality.official_key[-3:])) % 1000:03d}"


def near(value, rng, spread=0.006):
    """A coordinate close to ``value`` (a Decimal), as a Decimal with five places."""
    return Decimal(str(round(float(value) + rng.uniform(-spread, spread), 5)))


def parse_time(text):
    hours, minutes = text.split(":")
    return clock(int(hours), int(minutes))


def weekly_times(kind, rng):
    """Return [(weekday, starts_at, ends_at)] for one offer of ``kind``."""
    start, end = rng.choice(kind.hours)
    if kind.days >= len(kind.weekdays):
        days = kind.weekdays
    elif kind.days >= 4:
        days = kind.weekdays[: kind.days]
    else:
        days = sorted(rng.sample(kind.weekdays, kind.days))
    return [(day, parse_time(start), parse_time(end)) for day in days]


def reference_rows(model, codes):
    """Return {code: row}; create rows a flushed test database lacks (data migration)."""
    model.objects.bulk_create([model(code=code) for code in codes], ignore_conflicts=True)
    return {row.code: row for row in model.objects.all()}


def search_text(*, title, summary, description, provider, category, translations, places):
    """``search.search_text`` for an offer not (yet) in the database, from its parts.

    ``translations``: (language, title, summary), ``places``: (name, city, municipality name).
    The tests compare it with ``search.search_text`` so the two cannot drift apart.
    """
    parts = [title, summary, search.plain_text(description), provider, category.name]
    parts.extend(category.translations.values())
    for _language, translation_title, translation_summary in sorted(translations):
        parts.extend([translation_title, translation_summary])
    for place in places:
        parts.extend(place)
    return " ".join(" ".join(part.split()) for part in parts if part)


# The demo -------------------------------------------------------------------------------


@dataclass
class _Plan:
    """One offer to write, with its related rows."""

    kind: Kind
    offer: Offer
    places: list = field(default_factory=list)  # dicts of OfferPlace fields
    times: list = field(default_factory=list)  # (weekday, date, starts_at, ends_at)
    languages: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    translations: list = field(default_factory=list)  # dicts of OfferTranslation fields
    change: tuple = ()  # (note for the summary, added weekday or None, state) of a pending change


class _Demo:
    def __init__(self, district):
        self.district = district
        self.rng = random.Random(SEED)  # noqa: S311  (demo data, not security)
        fake = Faker("de_DE")
        fake.seed_instance(SEED)
        self.people = [(fake.first_name(), fake.last_name()) for _ in range(300)]
        self.streets = [fake.street_name() for _ in range(120)]
        self.today = timezone.localdate()
        self.categories = {c.slug: c for c in Category.objects.in_district(district)}
        self.municipalities = list(
            Municipality.objects.in_district(district).order_by("official_key")
        )
        self.organisations = list(
            Organisation.objects.in_district(district)
            .select_related("municipality")
            .order_by("name", "pk")
        )
        self.by_seat = {}
        for org in self.organisations:
            self.by_seat.setdefault(org.municipality_id, []).append(org)
        # Region centres (the first municipality of each region) host the regional partners.
        self.centres = {}
        for municipality in self.municipalities:
            self.centres.setdefault(municipality.region_id, municipality)
        self.plans = []
        self.seen = set()

    # Choosing -----------------------------------------------------------------------------

    def _providers(self, kind):
        candidates = [org for org in self.organisations if org.type in kind.providers]
        if kind.hint:
            hinted = [org for org in candidates if kind.hint in org.name]
            candidates = hinted or candidates
        return candidates

    def _provider_near(self, kind, municipality):
        """A provider of ``kind`` seated in ``municipality``, else in its region, else any."""
        candidates = self._providers(kind)
        if not candidates:
            return None
        for near_enough in (
            lambda org: org.municipality_id == municipality.pk,
            lambda org: org.serves_whole_district,
            lambda org: (
                org.municipality is not None
                and org.municipality.region_id == municipality.region_id
            ),
        ):
            matching = [org for org in candidates if near_enough(org)]
            if matching:
                return self.rng.choice(matching)
        return self.rng.choice(candidates)

    def _local_kinds(self, municipality, count):
        """Pick ``count`` different local kinds that an organisation there can run."""
        pool = [kind for kind in KINDS if kind.scope == LOCAL for _ in range(kind.weight)]
        self.rng.shuffle(pool)
        here = self.by_seat.get(municipality.pk, [])
        chosen = []
        for kind in pool:
            if kind in (item for item, _org in chosen):
                continue
            orgs = [org for org in here if org.type in kind.providers]
            if orgs:
                chosen.append((kind, self.rng.choice(orgs)))
            if len(chosen) == count:
                break
        return chosen

    # Planning -----------------------------------------------------------------------------

    def plan(self):
        centres = set(municipality.pk for municipality in self.centres.values())
        for municipality in self.municipalities:
            count = 10 if municipality.pk in centres else self.rng.randint(3, 7)
            for kind, provider in self._local_kinds(municipality, count):
                self._add(kind, provider, municipality)
        others = [m for m in self.municipalities if m.pk not in centres]
        for kind in KINDS:
            if kind.scope == REGIONAL:
                places = list(self.centres.values())[: kind.count]
                places += self.rng.sample(others, max(0, kind.count - len(places)))
                for index, municipality in enumerate(places):
                    provider = self._provider_near(kind, municipality)
                    if provider is not None:
                        self._add(kind, provider, municipality, index)
            elif kind.scope in (DISTRICT, ONLINE):
                for index in range(kind.count):
                    providers = self._providers(kind)
                    if providers:
                        provider = providers[index % len(providers)]
                        seat = provider.municipality or self.municipalities[0]
                        self._add(kind, provider, None if kind.scope == ONLINE else seat, index)
        self._set_states()
        return self.plans

    def _add(self, kind, provider, municipality, index=0):
        rng = self.rng
        local = kind.scope in (LOCAL, REGIONAL)
        title = title_for(kind, municipality.name if local else None, index)
        if (provider.pk, title) in self.seen:
            return
        self.seen.add((provider.pk, title))
        first, last = rng.choice(self.people)
        domain = provider.email.partition("@")[2] or "mittelwald.example"
        institution = provider.type not in (T.VOLUNTEER_INITIATIVE, T.MIGRANT_ORGANISATION)
        offer = Offer(
            district=self.district,
            title=title,
            summary=kind.summary,
            description=kind.description,
            provider=provider,
            category=self.categories[kind.category],
            cost=kind.cost,
            cost_note=kind.cost_note,
            registration_required=bool(kind.registration),
            registration_note=kind.registration,
            is_online=kind.scope == ONLINE,
            serves_whole_district=kind.whole_district,
            schedule_note=kind.schedule_note,
            accessibility=rng.choice(ACCESSIBILITY) if municipality else "",
            contact_name=f"{first} {last}" if institution or rng.random() < 0.5 else "",
            contact_phone=f"{AREA_CODE} {rng.randint(1000, 9899)}-{rng.randint(0, 99):02d}",
            contact_email=(
                f"{slugify(first)}.{slugify(last.replace('ß', 'ss'))}@{domain}"
                if institution
                else provider.email
            ),
            website=provider.website,
        )
        plan = _Plan(kind=kind, offer=offer)
        if municipality is not None:
            venue = rng.choice(kind.venues)
            if provider.municipality_id == municipality.pk and provider.street:
                street = provider.street
            else:
                street = f"{rng.choice(self.streets)} {rng.randint(1, 60)}"
            plan.places.append(
                {
                    "name": venue,
                    "street": street,
                    "postal_code": postal_code(municipality),
                    "city": municipality.name,
                    "municipality": municipality,
                    "latitude": near(municipality.latitude, rng),
                    "longitude": near(municipality.longitude, rng),
                }
            )
        if kind.dated:
            start, end = rng.choice(kind.hours)
            days = sorted(rng.sample(range(6, 80), 2 if rng.random() < 0.4 else 1))
            plan.times = [
                (None, self.today + timedelta(days=day), parse_time(start), parse_time(end))
                for day in days
            ]
            offer.valid_until = plan.times[-1][1]
        else:
            plan.times = [(day, None, start, end) for day, start, end in weekly_times(kind, rng)]
        if kind.course:
            offer.valid_from = self.today - timedelta(days=rng.randint(0, 60))
            offer.valid_until = offer.valid_from + timedelta(days=rng.choice([120, 180, 240]))
        extra = rng.sample(kind.languages, rng.randint(0, min(3, len(kind.languages))))
        plan.languages = list(dict.fromkeys([*kind.held_in, *extra]))
        plan.groups = list(kind.groups)
        self.plans.append(plan)

    def _set_states(self):
        """Mostly published and fresh; a few stale, in review, drafts, archived, changed."""
        from knotenpunkt.directory.demo import partner_organisation

        rng, today = self.rng, self.today
        period = review_period(self.district)
        try:
            partner = partner_organisation(self.district).pk
        except Organisation.DoesNotExist:
            partner = None
        partner_plans = 0
        for index, plan in enumerate(self.plans):
            offer = plan.offer
            state = "published"
            if offer.provider_id == partner:
                # The demo partner editor finds one of each in the workspace.
                state = ("draft", "in_review", "changed", "due", "published")[min(partner_plans, 4)]
                partner_plans += 1
            elif index % 29 == 7:
                state = "archived"
            elif index % 31 == 11:
                state = "draft"
            elif index % 37 == 5:
                state = "in_review"
            elif index % 23 == 13:
                state = "stale"
            elif index % 41 == 17:
                state = "changed"
            elif index % 19 == 2:
                state = "due"
            if state in ("draft", "in_review"):
                offer.state = OfferState.DRAFT if state == "draft" else OfferState.IN_REVIEW
                if state == "draft" and index % 2:
                    offer.review_note = "Bitte die Uhrzeiten und die Ansprechperson ergänzen."
                continue
            confirmed = today - timedelta(days=rng.randint(1, 160))
            if state == "stale":
                confirmed = today - period - timedelta(days=rng.randint(5, 150))
                offer.reminded_at = confirmed + period - timedelta(days=14)
            elif state == "due":
                confirmed = today - period + timedelta(days=rng.randint(1, 13))
            offer.state = OfferState.PUBLISHED
            offer.last_confirmed_at = confirmed
            published = confirmed - timedelta(days=rng.randint(0, 500))
            offer.published_at = timezone.make_aware(
                datetime.combine(published, clock(10, rng.randint(0, 59)))
            )
            if state == "archived":
                offer.state = OfferState.ARCHIVED
                offer.valid_until = today - timedelta(days=rng.randint(5, 120))
                offer.valid_from = offer.valid_until - timedelta(days=180)
                offer.last_confirmed_at = min(confirmed, offer.valid_until)
                plan.times = [
                    (day, date and offer.valid_until, start, end)
                    for day, date, start, end in plan.times
                ]
            if state == "changed":
                note, weekday = CHANGE_NOTES[index % len(CHANGE_NOTES)]
                plan.change = (note, weekday, (OfferState.IN_REVIEW, OfferState.DRAFT)[index % 2])
            self._translate(plan, index)

    def _translate(self, plan, index):
        kind, offer, rng = plan.kind, plan.offer, self.rng
        if kind.key not in TRANSLATIONS:
            return
        place = plan.places[0]["city"] if plan.places else None
        languages = [
            language
            for language, share in (("en", 0.8), ("ar", 0.55), ("uk", 0.5))
            if rng.random() < share
        ]
        if not languages:
            return
        source_hash = german_text_hash(offer.title, offer.summary, offer.description)
        if index % 5 == 1:
            # The German summary was extended after the translations were made.
            offer.summary = f"{offer.summary} {LATER_ADDITIONS[index % len(LATER_ADDITIONS)]}"
        for language in languages:
            title, summary, description = translated(kind, language, place)
            plan.translations.append(
                {
                    "language": language,
                    "title": title,
                    "summary": summary,
                    "description": description,
                    "source_hash": source_hash,
                }
            )

    # Writing ------------------------------------------------------------------------------

    def write(self):
        district = self.district
        existing = {
            (offer.provider_id, offer.title): offer
            for offer in Offer.objects.in_district(district).main_rows()
        }
        new = []
        for plan in self.plans:
            offer = plan.offer
            _complete(plan)
            previous = existing.get((offer.provider_id, offer.title))
            if previous is None:
                new.append(offer)
                continue
            offer.pk, offer.created_at = previous.pk, previous.created_at
            # One UPDATE per changed row: far cheaper than bulk_update's CASE expressions.
            changes = {
                name: getattr(offer, name)
                for name in UPDATED_ATTRIBUTES
                if getattr(offer, name) != getattr(previous, name)
            }
            if changes:
                Offer.objects.filter(pk=offer.pk).update(**changes)
        Offer.objects.bulk_create(new)
        ids = [plan.offer.pk for plan in self.plans]
        # Replace what hangs off the demo offers (pending changes go with their rows).
        Offer.objects.filter(revision_of__in=ids).delete()
        for model in (OfferPlace, OfferTime, OfferTranslation):
            model.objects.filter(offer__in=ids).delete()
        for through in (Offer.languages.through, Offer.target_groups.through):
            through.objects.filter(offer__in=ids).delete()
        revisions = self._write_revisions()
        plans = self.plans + revisions
        OfferPlace.objects.bulk_create(
            OfferPlace(district=district, offer=plan.offer, **place)
            for plan in plans
            for place in plan.places
        )
        OfferTime.objects.bulk_create(
            OfferTime(
                district=district, offer=plan.offer, weekday=day, date=date, starts_at=start,
                ends_at=end,
            )
            for plan in plans
            for day, date, start, end in plan.times
        )  # fmt: skip
        OfferTranslation.objects.bulk_create(
            OfferTranslation(district=district, offer=plan.offer, **translation)
            for plan in plans
            for translation in plan.translations
        )
        languages = reference_rows(SpokenLanguage, LanguageCode.values)
        groups = reference_rows(TargetGroup, TargetGroupCode.values)
        Offer.languages.through.objects.bulk_create(
            Offer.languages.through(offer_id=plan.offer.pk, spokenlanguage_id=languages[code].pk)
            for plan in plans
            for code in plan.languages
        )
        Offer.target_groups.through.objects.bulk_create(
            Offer.target_groups.through(offer_id=plan.offer.pk, targetgroup_id=groups[code].pk)
            for plan in plans
            for code in plan.groups
        )
        return plans

    def _write_revisions(self):
        """Pending changes: a copy of the published offer with the change, waiting for review."""
        revisions = []
        for plan in self.plans:
            if not plan.change:
                continue
            note, weekday, state = plan.change
            copy = Offer(
                district=self.district,
                state=state,
                revision_of=plan.offer,
                **{name: getattr(plan.offer, name) for name in COPIED_FIELDS},
            )
            copy.summary = f"{copy.summary} {note}"[:300]
            times = list(plan.times)
            if weekday is not None and times and times[0][0] is not None:
                times.append((weekday, None, times[0][2], times[0][3]))
            elif weekday is None and len(times) > 1:
                times = times[1:]
            revision = _Plan(
                kind=plan.kind,
                offer=copy,
                places=plan.places,
                times=times,
                languages=plan.languages,
                groups=plan.groups,
            )
            _complete(revision)
            revisions.append(revision)
        Offer.objects.bulk_create([revision.offer for revision in revisions])
        return revisions


COPIED_FIELDS = (
    "title", "summary", "description", "provider", "category", "cost", "cost_note",
    "registration_required", "registration_note", "is_online", "serves_whole_district",
    "schedule_note", "valid_from", "valid_until", "accessibility", "contact_name",
    "contact_phone", "contact_email", "website",
)  # fmt: skip
UPDATED_ATTRIBUTES = (
    *(name for name in COPIED_FIELDS if name not in ("provider", "category")), "provider_id",
    "category_id", "state", "published_at", "last_confirmed_at", "reminded_at", "review_note",
    "text_hash", "search_text",
)  # fmt: skip


def _complete(plan):
    """Set what ``Offer.save()`` and ``search.refresh()`` would: the text hash, the search text."""
    offer = plan.offer
    offer.text_hash = german_text_hash(offer.title, offer.summary, offer.description)
    offer.search_text = search_text(
        title=offer.title,
        summary=offer.summary,
        description=offer.description,
        provider=offer.provider.name,
        category=offer.category,
        translations=[(t["language"], t["title"], t["summary"]) for t in plan.translations],
        places=[(p["name"], p["city"], p["municipality"].name) for p in plan.places],
    )


@transaction.atomic
def load_offers_demo(district) -> dict:
    """Create or update the demo offers of ``district``; return counts by kind of row."""
    ensure_default_categories(district)
    demo = _Demo(district)
    demo.plan()
    plans = demo.write()
    offers = Offer.objects.in_district(district)
    return {
        "offers": offers.main_rows().count(),
        "pending_changes": offers.filter(revision_of__isnull=False).count(),
        "translations": sum(len(plan.translations) for plan in plans),
        "places": sum(len(plan.places) for plan in plans),
    }
