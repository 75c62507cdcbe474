from django.db import migrations

TARGET_GROUP_CODES = [
    "everyone", "women", "men", "children", "young_people", "families", "parents", "seniors",
    "disabilities", "newcomers_ukraine", "refugees", "volunteers", "professionals",
]  # fmt: skip
# A copy of services.DEFAULT_CATEGORIES as it was when this migration was written.
DEFAULT_CATEGORIES = [
    ("sprache", "Sprache", "Language"),
    ("schule-bildung", "Schule und Bildung", "School and education"),
    ("ausbildung-arbeit", "Ausbildung und Arbeit", "Training and work"),
    ("beratung", "Beratung", "Counselling"),
    ("gesundheit", "Gesundheit", "Health"),
    ("wohnen", "Wohnen", "Housing"),
    ("kinder-familie", "Kinder und Familie", "Children and family"),
    ("freizeit-begegnung", "Freizeit und Begegnung", "Leisure and encounter"),
    ("recht-aufenthalt", "Recht und Aufenthalt", "Law and residence"),
    ("ehrenamt", "Ehrenamt", "Volunteering"),
]


def add_reference_rows(apps, schema_editor):
    TargetGroup = apps.get_model("offers", "TargetGroup")
    Category = apps.get_model("offers", "Category")
    District = apps.get_model("districts", "District")
    for code in TARGET_GROUP_CODES:
        TargetGroup.objects.get_or_create(code=code)
    for district in District.objects.all():
        for position, (slug, name, english) in enumerate(DEFAULT_CATEGORIES):
            Category.objects.get_or_create(
                district=district,
                slug=slug,
                defaults={"name": name, "translations": {"en": english}, "position": position},
            )


def remove_reference_rows(apps, schema_editor):
    apps.get_model("offers", "TargetGroup").objects.filter(code__in=TARGET_GROUP_CODES).delete()


class Migration(migrations.Migration):
    dependencies = [("offers", "0001_initial"), ("districts", "0004_offer_settings")]

    operations = [migrations.RunPython(add_reference_rows, remove_reference_rows)]
