from django.db import migrations

LANGUAGE_CODES = [
    "de", "en", "ar", "fa", "ku", "tr", "uk", "ru", "fr", "ps", "ti", "so", "es", "it", "pl",
    "ro", "sq", "sh", "gsg",
]  # fmt: skip
TOPIC_CODES = [
    "language", "school_education", "training_work", "counselling", "health", "housing",
    "children_family", "leisure", "law_residence", "volunteering",
]  # fmt: skip


def add_reference_rows(apps, schema_editor):
    SpokenLanguage = apps.get_model("directory", "SpokenLanguage")
    Topic = apps.get_model("directory", "Topic")
    for code in LANGUAGE_CODES:
        SpokenLanguage.objects.get_or_create(code=code)
    for code in TOPIC_CODES:
        Topic.objects.get_or_create(code=code)


def remove_reference_rows(apps, schema_editor):
    apps.get_model("directory", "SpokenLanguage").objects.filter(code__in=LANGUAGE_CODES).delete()
    apps.get_model("directory", "Topic").objects.filter(code__in=TOPIC_CODES).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(add_reference_rows, remove_reference_rows)]
