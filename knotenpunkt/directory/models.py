"""Who does what where: organisations, their contacts, and who is responsible where."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.collation import german
from knotenpunkt.core.models import (
    DistrictQuerySet,
    DistrictScopedModel,
    TimeStampedModel,
    choice_display,
)
from knotenpunkt.core.richtext import LimitedTextField
from knotenpunkt.core.validators import phone_validator, postal_code_validator


class OrganisationType(models.TextChoices):
    DISTRICT_OFFICE = "district_office", _("District office (Landratsamt)")
    MUNICIPAL_ADMINISTRATION = "municipal_administration", _("Municipal administration")
    COORDINATION_POINT = "coordination_point", _("Municipal coordination point")
    VOLUNTEER_INITIATIVE = "volunteer_initiative", _("Volunteer initiative")
    WELFARE_ASSOCIATION = "welfare_association", _("Welfare association")
    CHURCH = "church", _("Church or parish")
    SCHOOL = "school", _("School")
    VOCATIONAL_SCHOOL = "vocational_school", _("Vocational school")
    ADULT_EDUCATION = "adult_education", _("Adult education centre (VHS)")
    CHAMBER = "chamber", _("Chamber (IHK, HWK)")
    JOBCENTER = "jobcenter", _("Jobcenter")
    EMPLOYMENT_AGENCY = "employment_agency", _("Employment agency")
    IMMIGRATION_AUTHORITY = "immigration_authority", _("Immigration authority")
    MIGRATION_COUNSELLING = "migration_counselling", _("Migration counselling (MBE, JMD)")
    LANGUAGE_COURSE_PROVIDER = "language_course_provider", _("Language course provider")
    HEALTH_OFFICE = "health_office", _("Health office")
    POLICE = "police", _("Police")
    BAMF = "bamf", _("Federal Office for Migration and Refugees (BAMF)")
    INTEGRATION_MANAGEMENT_PROVIDER = (
        "integration_management_provider",
        _("Integration management provider"),
    )
    MIGRANT_ORGANISATION = "migrant_organisation", _("Migrant self-organisation")
    OTHER = "other", _("Other")


class LanguageCode(models.TextChoices):
    """Languages spoken in counselling and contacts (ISO 639-1/-3 codes)."""

    GERMAN = "de", _("German")
    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")
    PERSIAN = "fa", _("Persian (Farsi, Dari)")
    KURDISH = "ku", _("Kurdish")
    TURKISH = "tr", _("Turkish")
    UKRAINIAN = "uk", _("Ukrainian")
    RUSSIAN = "ru", _("Russian")
    FRENCH = "fr", _("French")
    PASHTO = "ps", _("Pashto")
    TIGRINYA = "ti", _("Tigrinya")
    SOMALI = "so", _("Somali")
    SPANISH = "es", _("Spanish")
    ITALIAN = "it", _("Italian")
    POLISH = "pl", _("Polish")
    ROMANIAN = "ro", _("Romanian")
    ALBANIAN = "sq", _("Albanian")
    SERBIAN_CROATIAN = "sh", _("Bosnian, Croatian, Serbian")
    GERMAN_SIGN_LANGUAGE = "gsg", _("German Sign Language")


class TopicCode(models.TextChoices):
    LANGUAGE = "language", _("Language")
    SCHOOL_EDUCATION = "school_education", _("School and education")
    TRAINING_WORK = "training_work", _("Training and work")
    COUNSELLING = "counselling", _("Counselling")
    HEALTH = "health", _("Health")
    HOUSING = "housing", _("Housing")
    CHILDREN_FAMILY = "children_family", _("Children and family")
    LEISURE = "leisure", _("Leisure and encounter")
    LAW_RESIDENCE = "law_residence", _("Law and residence")
    VOLUNTEERING = "volunteering", _("Volunteering")


class SpokenLanguage(models.Model):
    """Reference row per language code, so that organisations and contacts can be
    filtered by language with an index on every database."""

    code = models.CharField(_("code"), max_length=8, primary_key=True, choices=LanguageCode.choices)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["code"]

    get_code_display = choice_display("code", LanguageCode)

    def __str__(self):
        return str(self.get_code_display())


class Topic(models.Model):
    code = models.CharField(_("code"), max_length=30, primary_key=True, choices=TopicCode.choices)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["code"]

    get_code_display = choice_display("code", TopicCode)

    def __str__(self):
        return str(self.get_code_display())


def serving_condition(municipality):
    """The condition "serves ``municipality``": listed for it or for the whole district.

    ``pk IN (subquery)`` rather than a join, so that no row is doubled and no DISTINCT is
    needed; the subquery runs once (a correlated EXISTS would run once per organisation).
    """
    served = Organisation.municipalities.through.objects.filter(municipality=municipality)
    return models.Q(serves_whole_district=True) | models.Q(pk__in=served.values("organisation_id"))


class OrganisationQuerySet(DistrictQuerySet):
    def public(self):
        return self.filter(is_public=True)

    def serving(self, municipality):
        """Organisations that serve ``municipality``: listed for it or for the whole district."""
        return self.filter(serving_condition(municipality))

    def speaking(self, language):
        speakers = Organisation.languages.through.objects.filter(spokenlanguage=language)
        return self.filter(pk__in=speakers.values("organisation_id"))

    def on_topic(self, topic):
        tagged = Organisation.topics.through.objects.filter(topic=topic)
        return self.filter(pk__in=tagged.values("organisation_id"))


class Organisation(DistrictScopedModel, TimeStampedModel):
    """A body in the network: authority, association, school, initiative, …"""

    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=40, choices=OrganisationType.choices)
    municipality = models.ForeignKey(
        "districts.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seated_organisations",
        verbose_name=_("seat (municipality)"),
        help_text=_("Where the organisation has its seat or address."),
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=5, blank=True, validators=[postal_code_validator]
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    fax = models.CharField(_("fax"), max_length=30, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = LimitedTextField(_("opening hours"), max_length=1000, blank=True)
    description = LimitedTextField(_("short description"), max_length=2000, blank=True)
    languages = models.ManyToManyField(
        SpokenLanguage, blank=True, related_name="+", verbose_name=_("languages spoken")
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="+", verbose_name=_("topics"))
    serves_whole_district = models.BooleanField(_("serves the whole district"), default=False)
    municipalities = models.ManyToManyField(
        "districts.Municipality",
        blank=True,
        related_name="served_by",
        verbose_name=_("municipalities served"),
    )
    is_public = models.BooleanField(
        _("shown in the public directory"),
        default=True,
    )
    last_confirmed_at = models.DateField(
        _("last confirmed"),
        null=True,
        blank=True,
        help_text=_("When an editor last confirmed that the entry is correct."),
    )
    speaker = models.ForeignKey(
        "ContactPerson",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("speaker"),
        help_text=_("For volunteer initiatives: the person who speaks for the initiative."),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = [german("name")]
        indexes = [
            models.Index(fields=["district", "type"]),
            models.Index(fields=["district", "name"]),
            models.Index(fields=["district", "last_confirmed_at"]),
        ]

    get_type_display = choice_display("type", OrganisationType)

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "directory:organisation",
            kwargs={"district_slug": self.district.slug, "pk": self.pk},
        )


class ContactPersonQuerySet(DistrictQuerySet):
    def public(self):
        return self.filter(is_public=True, organisation__is_public=True)


class ContactPerson(DistrictScopedModel, TimeStampedModel):
    """A person to contact in an organisation. Public only when marked so."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=150)
    function = models.CharField(_("function"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    fax = models.CharField(_("fax"), max_length=30, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    office_hours = LimitedTextField(_("office hours"), max_length=1000, blank=True)
    languages = models.ManyToManyField(
        SpokenLanguage, blank=True, related_name="+", verbose_name=_("languages spoken")
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Public contacts appear in the public directory; the others only for "
            "logged-in network members."
        ),
    )
    unit = models.ForeignKey(
        "OfficeUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("unit"),
    )
    deputy = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deputy"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ContactPersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["organisation", "position", german("name")]
        indexes = [models.Index(fields=["district", "organisation"])]

    def __str__(self):
        return self.name


class OfficeUnit(DistrictScopedModel):
    """A unit of the district office (Sachgebiet, Stabsstelle) in the staff directory."""

    name = models.CharField(_("name"), max_length=150)
    description = LimitedTextField(_("responsibilities"), max_length=2000, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("unit of the district office")
        verbose_name_plural = _("units of the district office")
        ordering = ["position", german("name")]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="officeunit_unique_name"),
        ]

    def __str__(self):
        return self.name


class IntegrationTeam(DistrictScopedModel):
    """A regional team of integration managers; its members work in tandems."""

    name = models.CharField(_("name"), max_length=150)
    region = models.ForeignKey(
        "districts.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="integration_teams",
        verbose_name=_("region"),
    )

    class Meta:
        verbose_name = _("integration management team")
        verbose_name_plural = _("integration management teams")
        ordering = [german("name")]

    def __str__(self):
        return self.name


class Tandem(DistrictScopedModel):
    """Two integration managers who share the municipalities of a team."""

    team = models.ForeignKey(
        IntegrationTeam, on_delete=models.CASCADE, related_name="tandems", verbose_name=_("team")
    )
    name = models.CharField(_("name"), max_length=150)
    members = models.ManyToManyField(
        ContactPerson, blank=True, related_name="tandems", verbose_name=_("integration managers")
    )

    class Meta:
        verbose_name = _("tandem")
        verbose_name_plural = _("tandems")
        ordering = ["team", german("name")]

    def __str__(self):
        return self.name


class Responsibility(DistrictScopedModel):
    """Who carries out integration management in one municipality.

    The carrier itself (district, municipality, provider) is
    ``Municipality.integration_management``; this adds the provider organisation and the
    tandem in charge.
    """

    municipality = models.OneToOneField(
        "districts.Municipality",
        on_delete=models.CASCADE,
        related_name="responsibility",
        verbose_name=_("municipality"),
    )
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsibilities",
        verbose_name=_("provider organisation"),
    )
    tandem = models.ForeignKey(
        Tandem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsibilities",
        verbose_name=_("tandem in charge"),
    )

    class Meta:
        verbose_name = _("responsibility for integration management")
        verbose_name_plural = _("responsibilities for integration management")

    def __str__(self):
        return str(self.municipality)


class Affiliation(DistrictScopedModel):
    """The organisation a member acts for: a partner editor edits its entry and its offers; a
    volunteer belongs to it (their initiative).

    Memberships and invitations are the kernel's (``accounts``); the directory keeps which
    of its organisations they are bound to, and declares the binding in its plugin
    (``MembershipScope``). An invitation's affiliation passes to the membership it becomes.
    An organisation with affiliations cannot be deleted (PROTECT): its people come first.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="affiliations",
        verbose_name=_("organisation"),
    )
    membership = models.OneToOneField(
        "accounts.Membership",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="affiliation",
        verbose_name=_("membership"),
    )
    invitation = models.OneToOneField(
        "accounts.Invitation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="affiliation",
        verbose_name=_("invitation"),
    )

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(membership__isnull=False, invitation__isnull=True)
                | models.Q(membership__isnull=True, invitation__isnull=False),
                name="affiliation_of_membership_or_invitation",
            )
        ]

    def __str__(self):
        return str(self.organisation)
