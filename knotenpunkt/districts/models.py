"""Districts (the tenants), their regions and municipalities, and who works in them."""

import hashlib

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.collation import german
from knotenpunkt.core.models import DistrictScopedModel
from knotenpunkt.core.richtext import LimitedTextField
from knotenpunkt.core.validators import (
    BoundedPositiveSmallIntegerField,
    phone_validator,
    postal_code_validator,
)

# Amtlicher Gemeindeschlüssel: 8 digits (Land, Regierungsbezirk, Kreis, Gemeinde).
ags_validator = RegexValidator(
    r"^\d{8}$", _("Enter the official municipality key (AGS) as 8 digits, e.g. 08317001.")
)
# Kreisschlüssel: the first 5 digits of the AGS.
district_key_validator = RegexValidator(
    r"^\d{5}$", _("Enter the official district key as 5 digits, e.g. 08317.")
)
# URL segments that belong to the installation, not to a district.
RESERVED_SLUGS = frozenset(
    {"accounts", "admin", "api", "i18n", "static", "media", "healthz", "invitations"}
)


def validate_slug_not_reserved(value):
    from django.core.exceptions import ValidationError

    if value in RESERVED_SLUGS:
        raise ValidationError(_("This address is reserved; choose another one."))


# The longest legal text (Impressum, privacy notice, accessibility statement) a district keeps.
LEGAL_TEXT_MAX_LENGTH = 50_000


class District(models.Model):
    """A Landkreis: the tenant. Everything else belongs to exactly one district."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("address"),
        unique=True,
        validators=[validate_slug_not_reserved],
        help_text=_("Appears in every address of the district, e.g. /landkreis-beispiel/."),
    )
    official_key = models.CharField(
        _("official district key"), max_length=5, validators=[district_key_validator]
    )
    office_name = models.CharField(
        _("name of the migration office"), max_length=200, default="", blank=True
    )
    office_street = models.CharField(_("street and number"), max_length=200, blank=True)
    office_postal_code = models.CharField(
        _("postal code"), max_length=10, blank=True, validators=[postal_code_validator]
    )
    office_city = models.CharField(_("city"), max_length=100, blank=True)
    office_phone = models.CharField(
        _("phone"), max_length=50, blank=True, validators=[phone_validator]
    )
    office_email = models.EmailField(_("e-mail"), blank=True)
    office_website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="district-logos/", blank=True)
    # Legal texts can be long (a privacy notice runs to many pages), but not unbounded.
    imprint_text = LimitedTextField(_("Impressum"), max_length=LEGAL_TEXT_MAX_LENGTH, blank=True)
    privacy_text = LimitedTextField(
        _("privacy notice"), max_length=LEGAL_TEXT_MAX_LENGTH, blank=True
    )
    accessibility_text = LimitedTextField(
        _("accessibility statement"), max_length=LEGAL_TEXT_MAX_LENGTH, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)
    directory_review_months = BoundedPositiveSmallIntegerField(
        _("months until a directory entry must be confirmed again"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    offer_review_months = BoundedPositiveSmallIntegerField(
        _("months until an offer must be confirmed again"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_("Unconfirmed offers leave the public catalogue after this time."),
    )
    offer_coverage_public = models.BooleanField(
        _("show the coverage of offers publicly"),
        default=False,
        help_text=_("The matrix of municipalities and categories, with the gaps."),
    )

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = [german("name")]
        constraints = [
            models.UniqueConstraint(fields=["official_key"], name="district_unique_official_key"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portal:district_home", kwargs={"district_slug": self.slug})

    def get_logo_url(self):
        """Return the address of the logo, served by Knotenpunkt from any storage; a new
        logo gets a new address, so that browsers may keep one for long."""
        if not self.logo:
            return ""
        version = hashlib.sha256(self.logo.name.encode()).hexdigest()[:12]
        url = reverse("districts:logo", kwargs={"district_slug": self.slug})
        return f"{url}?v={version}"


class Region(DistrictScopedModel):
    """An area of the district, e.g. a valley; regional teams and groups work per region."""

    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = [german("name")]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="region_unique_name"),
        ]

    def __str__(self):
        return self.name


class IntegrationManagementCarrier(models.TextChoices):
    """Who carries out integration management for a municipality."""

    DISTRICT = "district", _("the district")
    MUNICIPALITY = "municipality", _("the municipality itself")
    PROVIDER = "provider", _("a provider organisation")


class Municipality(DistrictScopedModel):
    """A town or municipality (Gemeinde) of the district."""

    name = models.CharField(_("name"), max_length=120)
    official_key = models.CharField(
        _("official municipality key (AGS)"), max_length=8, validators=[ags_validator]
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="municipalities",
        verbose_name=_("region"),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    integration_management = models.CharField(
        _("integration management carried out by"),
        max_length=20,
        choices=IntegrationManagementCarrier.choices,
        default=IntegrationManagementCarrier.DISTRICT,
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = [german("name")]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "official_key"], name="municipality_unique_key"
            ),
            models.UniqueConstraint(fields=["district", "name"], name="municipality_unique_name"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.region_id and self.district_id and self.region.district_id != self.district_id:
            raise ValidationError({"region": _("The region belongs to another district.")})
