"""The demo districts: a fictional one structured like a real one, plus a small second one.

The first demo loader (``districts/plugin.py``); the other apps fill the districts with
their own loaders. Loading is idempotent: records are looked up by their natural keys.
"""

from faker import Faker

from .models import District, IntegrationManagementCarrier, Municipality, Region

_PREFIXES = [
    "Ober", "Unter", "Alt", "Neu", "Hohen", "Kirch", "Stein", "Wald", "Mühl", "Eich",
    "Birken", "Buch", "Linden", "Tann", "Hasel", "Sonnen", "Rosen", "Brunn",
]  # fmt: skip
_SUFFIXES = ["bach", "hausen", "heim", "weiler", "feld", "dorf", "au", "stetten", "ingen"]
_REGIONS = ["Mühlbachtal", "Hügelland", "Wiesenebene"]
_CARRIER_COUNTS = [
    (IntegrationManagementCarrier.DISTRICT, 40),
    (IntegrationManagementCarrier.MUNICIPALITY, 10),
    (IntegrationManagementCarrier.PROVIDER, 3),
]

_LEGAL_NOTICE = (
    "Landratsamt {short}\nMigrationsamt\n{street}\n{postal_code} {city}\n\n"
    "Dies ist ein fiktiver Demo-Landkreis. Alle Personen und Angaben sind erfunden."
)
_PRIVACY = (
    "Der {name} verarbeitet personenbezogene Daten nur, soweit sie für die "
    "Koordination des Integrationsnetzwerks erforderlich sind.\n\n"
    "Dies ist ein fiktiver Demo-Text."
)
_ACCESSIBILITY = (
    "Der {name} ist bemüht, diese Website im Einklang mit der BITV 2.0 "
    "barrierefrei zugänglich zu machen.\n\nDies ist ein fiktiver Demo-Text."
)


def _municipality_names(count):
    names = []
    for index in range(count):
        prefix = _PREFIXES[index % len(_PREFIXES)]
        suffix = _SUFFIXES[(index * 7 + index // len(_PREFIXES)) % len(_SUFFIXES)]
        names.append(prefix + suffix)
    return names


def _upsert_district(*, slug, name, official_key, city, postal_code, street, fake):
    texts = {
        "name": name,
        "short": name.removeprefix("Landkreis "),
        "street": street,
        "postal_code": postal_code,
        "city": city,
    }
    district, _created = District.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name,
            "official_key": official_key,
            "office_name": f"Landratsamt {name.removeprefix('Landkreis ')} – Migrationsamt",
            "office_street": street,
            "office_postal_code": postal_code,
            "office_city": city,
            "office_phone": fake.numerify("07### ###-####"),
            "office_email": f"migrationsamt@{slug}.example",
            "imprint_text": _LEGAL_NOTICE.format(**texts),
            "privacy_text": _PRIVACY.format(**texts),
            "accessibility_text": _ACCESSIBILITY.format(**texts),
        },
    )
    district.full_clean()
    return district


def _upsert_municipalities(*, district, regions, carriers, key_prefix, fake):
    municipalities = []
    names = _municipality_names(len(carriers))
    for index, (name, carrier) in enumerate(zip(names, carriers, strict=True)):
        municipality, _created = Municipality.objects.update_or_create(
            district=district,
            official_key=f"{key_prefix}{index + 1:03d}",
            defaults={
                "name": name,
                "region": regions[index % len(regions)],
                "integration_management": carrier,
                "latitude": round(48.2 + fake.pyfloat(min_value=0, max_value=0.6), 5),
                "longitude": round(8.0 + fake.pyfloat(min_value=0, max_value=0.6), 5),
            },
        )
        municipalities.append(municipality)
    return municipalities


DEMO_DISTRICT = "mittelwald"
SECOND_DISTRICT = "seetal"


def load_districts_demo() -> list:
    """Create or update the two demo districts with their regions and municipalities."""
    fake = Faker("de_DE")
    fake.seed_instance(4711)
    main = _upsert_district(
        slug=DEMO_DISTRICT,
        name="Landkreis Mittelwald",
        official_key="08999",
        city="Mittelwald",
        postal_code="79999",
        street="Am Landratsamt 1",
        fake=fake,
    )
    regions = [Region.objects.get_or_create(district=main, name=name)[0] for name in _REGIONS]
    carriers = [carrier for carrier, count in _CARRIER_COUNTS for _ in range(count)]
    # Spread the carriers over the regions instead of clustering them alphabetically.
    carriers = carriers[::2] + carriers[1::2]
    _upsert_municipalities(
        district=main, regions=regions, carriers=carriers, key_prefix="08999", fake=fake
    )
    second = _upsert_district(
        slug=SECOND_DISTRICT,
        name="Landkreis Seetal",
        official_key="09999",
        city="Seestadt",
        postal_code="89999",
        street="Seeufer 3",
        fake=fake,
    )
    second_region = Region.objects.get_or_create(district=second, name="Seeufer")[0]
    _upsert_municipalities(
        district=second,
        regions=[second_region],
        carriers=[IntegrationManagementCarrier.DISTRICT] * 4,
        key_prefix="09999",
        fake=fake,
    )
    return []


def demo_district(slug=DEMO_DISTRICT):
    """Return a demo district (the loaders of the other apps find theirs with it)."""
    return District.objects.get(slug=slug)
