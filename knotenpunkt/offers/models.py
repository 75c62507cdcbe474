"""Integration offers of the network's partners: what, for whom, where, when, in which languages.

An offer's German text is the source; translations into other languages remember which
German text they were made from (``source_hash``), so that a change of the German text
marks them outdated without anybody having to remember it (``core.lifecycle.translation``).

A published offer stays visible while a change to it is being reviewed: the change is a
second row (``revision_of`` points to the published offer) until a coordinator approves it,
and then its content is copied into the published offer (``core.lifecycle.review``).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.collation import german
from knotenpunkt.core.lifecycle.review import ReviewedModel, ReviewQuerySet, ReviewState
from knotenpunkt.core.lifecycle.translation import TranslationStatus, status_of
from knotenpunkt.core.lifecycle.translation import text_hash as source_text_hash
from knotenpunkt.core.models import (
    DistrictQuerySet,
    DistrictScopedModel,
    TimeStampedModel,
    choice_display,
)
from knotenpunkt.core.richtext import LimitedTextField, RichTextField
from knotenpunkt.core.validators import phone_validator, postal_code_validator

# The names offers have always used for the shared states.
OfferState = ReviewState


class Cost(models.TextChoices):
    FREE = "free", _("Free of charge")
    FEE = "fee", _("With a fee")
    ON_REQUEST = "on_request", _("Cost on request")


class TargetGroupCode(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    WOMEN = "women", _("Women")
    MEN = "men", _("Men")
    CHILDREN = "children", _("Children")
    YOUNG_PEOPLE = "young_people", _("Young people")
    FAMILIES = "families", _("Families")
    PARENTS = "parents", _("Parents")
    SENIORS = "seniors", _("Older people")
    DISABILITIES = "disabilities", _("People with disabilities")
    NEWCOMERS_UKRAINE = "newcomers_ukraine", _("Newcomers from Ukraine")
    REFUGEES = "refugees", _("Refugees")
    VOLUNTEERS = "volunteers", _("Volunteers")
    PROFESSIONALS = "professionals", _("Professionals")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class TargetGroup(models.Model):
    """Reference row per target group, so that offers can be filtered and counted by it."""

    code = models.CharField(
        _("code"), max_length=30, primary_key=True, choices=TargetGroupCode.choices
    )

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["code"]

    get_code_display = choice_display("code", TargetGroupCode)

    def __str__(self):
        return str(self.get_code_display())


class Category(DistrictScopedModel):
    """A node of the district's category tree (e.g. Sprache › Integrationskurse).

    The name is German; ``translations`` holds the names in other languages, keyed by
    language code, because a district may rename or add categories at any time.
    """

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent category"),
    )
    name = models.CharField(_("name (German)"), max_length=100)
    slug = models.SlugField(_("short name"), max_length=60)
    translations = models.JSONField(
        _("names in other languages"),
        default=dict,
        blank=True,
        help_text=_('For example {"en": "Language", "ar": "اللغة"}.'),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", german("name")]
        constraints = [
            models.UniqueConstraint(fields=["district", "slug"], name="offer_category_unique_slug")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.parent_id and self.parent.district_id != self.district_id:
            raise ValidationError({"parent": _("This entry belongs to another district.")})
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("A category cannot be inside itself.")})
            ancestor = ancestor.parent

    def label(self, language_code):
        """Return the name in ``language_code``, or the German name."""
        return category_label(self.name, self.translations, language_code)


def category_label(name, translations, language_code):
    """``Category.label`` for pages that read categories as plain rows."""
    return (translations or {}).get(language_code) or name


class OfferQuerySet(ReviewQuerySet, DistrictQuerySet):
    pass


class Offer(ReviewedModel, DistrictScopedModel, TimeStampedModel):
    """One integration offer of a provider organisation.

    Its review fields (``state``, ``revision_of``, ``published_at``, ``review_note``) come
    from ``ReviewedModel``.
    """

    # The German source text; translations live in OfferTranslation.
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences shown in the search results."),
    )
    description = RichTextField(_("description"), blank=True)
    provider = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="offers",
        verbose_name=_("provider"),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="offers", verbose_name=_("category")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="+", verbose_name=_("target groups")
    )
    languages = models.ManyToManyField(
        "directory.SpokenLanguage",
        blank=True,
        related_name="+",
        verbose_name=_("languages of the offer"),
        help_text=_("The languages in which the offer is held."),
    )
    cost = models.CharField(_("cost"), max_length=20, choices=Cost.choices, default=Cost.FREE)
    cost_note = models.CharField(_("note on the cost"), max_length=200, blank=True)
    registration_required = models.BooleanField(_("registration needed"), default=False)
    registration_note = models.CharField(_("how to register"), max_length=300, blank=True)
    is_online = models.BooleanField(_("takes place online"), default=False)
    serves_whole_district = models.BooleanField(
        _("open to people from the whole district"), default=False
    )
    schedule_note = models.CharField(
        _("note on the times"),
        max_length=300,
        blank=True,
        help_text=_("For example: not during the school holidays."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    accessibility = LimitedTextField(_("accessibility"), max_length=2000, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(
        _("phone"), max_length=30, blank=True, validators=[phone_validator]
    )
    contact_email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)

    last_confirmed_at = models.DateField(
        _("last confirmed"),
        null=True,
        blank=True,
        help_text=_("When the provider last confirmed that the offer is still valid."),
    )
    reminded_at = models.DateField(_("reminder sent"), null=True, blank=True)
    # SHA-256 of the German title, summary and description: what translations compare with.
    text_hash = models.CharField(max_length=64, blank=True, editable=False)
    # German text, translations, provider and places as one text: the search index's source.
    search_text = models.TextField(blank=True, editable=False)

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = [german("title")]
        indexes = [
            models.Index(fields=["district", "state", "last_confirmed_at"]),
            models.Index(fields=["district", "title"]),
            models.Index(fields=["district", "published_at"]),
            models.Index(fields=["district", "valid_until"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="offer_valid_until_after_valid_from",
            )
        ]

    get_state_display = choice_display("state", OfferState)
    get_cost_display = choice_display("cost", Cost)

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.text_hash = german_text_hash(self.title, self.summary, self.description)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "text_hash"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "offers:offer", kwargs={"district_slug": self.district.slug, "pk": self.public_pk}
        )

    def clean(self):
        errors = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end date must not be before the start date.")
        for field in ("provider", "category"):
            related = getattr(self, field, None) if getattr(self, f"{field}_id") else None
            if related is not None and related.district_id != self.district_id:
                errors[field] = _("This entry belongs to another district.")
        if errors:
            raise ValidationError(errors)


def german_text_hash(title, summary, description):
    """Return the ``text_hash`` of an offer's German text (what translations compare with)."""
    return source_text_hash(title, summary, description)


class OfferPlace(DistrictScopedModel):
    """Where an offer takes place: an address in a municipality, with coordinates for the map."""

    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="places", verbose_name=_("offer")
    )
    name = models.CharField(
        _("name of the place"),
        max_length=200,
        blank=True,
        help_text=_("For example: Bürgerhaus, room 2."),
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=5, blank=True, validators=[postal_code_validator]
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        "districts.Municipality",
        on_delete=models.PROTECT,
        related_name="offer_places",
        verbose_name=_("municipality"),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_(
            "In degrees, for example 48.13743. Without coordinates the map shows the place "
            "in the middle of its municipality."
        ),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("In degrees, for example 11.57549."),
    )

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["pk"]

    def __str__(self):
        parts = [self.name, self.street, f"{self.postal_code} {self.city}".strip()]
        return ", ".join(part for part in parts if part)


class OfferTime(DistrictScopedModel):
    """A regular weekly time (weekday) or a single date of an offer."""

    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="times", verbose_name=_("offer")
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), choices=Weekday.choices, null=True, blank=True
    )
    date = models.DateField(_("date"), null=True, blank=True)
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("time")
        verbose_name_plural = _("times")
        ordering = ["date", "weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weekday__isnull=True, date__isnull=False)
                | models.Q(weekday__isnull=False, date__isnull=True),
                name="offer_time_weekday_or_date",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="offer_time_ends_after_start",
            ),
        ]

    get_weekday_display = choice_display("weekday", Weekday)

    def __str__(self):
        day = self.date.isoformat() if self.date else self.get_weekday_display()
        end = f"–{self.ends_at:%H:%M}" if self.ends_at else ""
        return f"{day} {self.starts_at:%H:%M}{end}"

    def clean(self):
        if (self.weekday is None) == (self.date is None):
            raise ValidationError(_("Give either a weekday or a date."))
        if self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be after the start.")})


class OfferTranslation(DistrictScopedModel, TimeStampedModel):
    """The text of an offer in another language, and the German text it was made from."""

    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="translations", verbose_name=_("offer")
    )
    language = models.CharField(_("language"), max_length=8)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300)
    description = RichTextField(_("description"), blank=True)
    source_hash = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "language"], name="offer_translation_unique_language"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"

    @property
    def status(self) -> TranslationStatus:
        return status_of(self.source_hash, self.offer.text_hash)

    @property
    def is_current(self) -> bool:
        return self.status == TranslationStatus.CURRENT
