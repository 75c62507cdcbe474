"""The district's categories of offers: the default set, and adding or changing one."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from knotenpunkt.core.audit import record_change
from knotenpunkt.core.lifecycle.changes import Editable, apply_changes

from . import search
from .models import Category, Offer
from .permissions import can_manage_categories

DEFAULT_CATEGORIES = (
    # slug, German name, its translations into the languages of the demo and the catalogues
    (
        "sprache",
        "Sprache",
        {"en": "Language", "ar": "اللغة", "fa": "زبان", "uk": "Мова", "tr": "Dil", "ru": "Язык"},
    ),
    (
        "schule-bildung",
        "Schule und Bildung",
        {
            "en": "School and education",
            "ar": "المدرسة والتعليم",
            "fa": "مدرسه و آموزش",
            "uk": "Школа та освіта",
            "tr": "Okul ve eğitim",
            "ru": "Школа и образование",
        },
    ),
    (
        "ausbildung-arbeit",
        "Ausbildung und Arbeit",
        {
            "en": "Training and work",
            "ar": "التدريب المهني والعمل",
            "fa": "آموزش حرفه‌ای و کار",
            "uk": "Професійне навчання та робота",
            "tr": "Meslek eğitimi ve iş",
            "ru": "Профобучение и работа",
        },
    ),
    (
        "beratung",
        "Beratung",
        {
            "en": "Counselling",
            "ar": "الاستشارة",
            "fa": "مشاوره",
            "uk": "Консультації",
            "tr": "Danışmanlık",
            "ru": "Консультации",
        },
    ),
    (
        "gesundheit",
        "Gesundheit",
        {
            "en": "Health",
            "ar": "الصحة",
            "fa": "سلامت",
            "uk": "Здоров'я",
            "tr": "Sağlık",
            "ru": "Здоровье",
        },
    ),
    (
        "wohnen",
        "Wohnen",
        {"en": "Housing", "ar": "السكن", "fa": "مسکن", "uk": "Житло", "tr": "Konut", "ru": "Жильё"},
    ),
    (
        "kinder-familie",
        "Kinder und Familie",
        {
            "en": "Children and family",
            "ar": "الأطفال والأسرة",
            "fa": "کودکان و خانواده",
            "uk": "Діти та сім'я",
            "tr": "Çocuklar ve aile",
            "ru": "Дети и семья",
        },
    ),
    (
        "freizeit-begegnung",
        "Freizeit und Begegnung",
        {
            "en": "Leisure and encounter",
            "ar": "الترفيه واللقاءات",
            "fa": "اوقات فراغت و دیدار",
            "uk": "Дозвілля та зустрічі",
            "tr": "Boş zaman ve buluşma",
            "ru": "Досуг и встречи",
        },
    ),
    (
        "recht-aufenthalt",
        "Recht und Aufenthalt",
        {
            "en": "Law and residence",
            "ar": "القانون والإقامة",
            "fa": "حقوق و اقامت",
            "uk": "Право та перебування",
            "tr": "Hukuk ve oturum",
            "ru": "Право и пребывание",
        },
    ),
    (
        "ehrenamt",
        "Ehrenamt",
        {
            "en": "Volunteering",
            "ar": "العمل التطوعي",
            "fa": "کار داوطلبانه",
            "uk": "Волонтерство",
            "tr": "Gönüllülük",
            "ru": "Волонтёрство",
        },
    ),
)


def ensure_default_categories(district):
    """Create the default categories of a new district (idempotent; no audit entry)."""
    for position, (slug, name, translations) in enumerate(DEFAULT_CATEGORIES):
        Category.objects.get_or_create(
            district=district,
            slug=slug,
            defaults={"name": name, "translations": translations, "position": position},
        )


CATEGORY_EDIT = Editable(fields=("name", "slug", "parent", "translations", "position"))


@transaction.atomic
def category_save(*, actor, district, category=None, values: dict) -> Category:
    """Add a category or change one; a new name is found by the search at once."""
    if not can_manage_categories(actor, district):
        raise PermissionDenied
    category = category or Category(district=district)
    if category.district_id != district.pk:
        raise PermissionDenied
    is_new = category.pk is None
    changes = apply_changes(
        instance=category, values=values, editable=CATEGORY_EDIT, district=district
    )
    if not is_new and changes.keys() & {"name", "translations"}:
        _refresh_offers_of(category)
    record_change(
        actor=actor,
        district=district,
        action="offers.category_save",
        target=category,
        changes=changes,
    )
    return category


def _refresh_offers_of(category):
    """Recompute the search text of the offers in ``category``: it holds the category's
    names (not those of its parents, so the sub-categories' offers keep theirs)."""
    offers = (
        Offer.objects.filter(category=category)
        .select_related("provider", "category")
        .prefetch_related("translations")
    )
    for offer in offers:
        search.refresh(offer)
