"""axe-core finds no WCAG 2.1 A/AA violation on any page, in German, English and Arabic."""

import pytest

from knotenpunkt.accounts.services import invitation_create
from knotenpunkt.core.roles import Role

from .axe import assert_accessible, axe_violations, format_violations

LANGUAGES = ["de", "en", "ar"]

# name: (path, expected status); {district} and {token} are filled in by the test.
PUBLIC_PAGES = {
    "landing": ("/", 200),
    "district home": ("/{district}/", 200),
    "municipalities": ("/{district}/gemeinden/", 200),
    "impressum": ("/{district}/impressum/", 200),
    "datenschutz": ("/{district}/datenschutz/", 200),
    "barrierefreiheit": ("/{district}/barrierefreiheit/", 200),
    "login": ("/accounts/login/", 200),
    "password reset": ("/accounts/password/reset/", 200),
    "not found in a district": ("/{district}/gibt-es-nicht/", 404),
    "invitation invalid": ("/{district}/einladung/kein-gueltiger-link/", 404),
    "invitation accept": ("/{district}/einladung/{token}/", 200),
    "directory": ("/{district}/verzeichnis/", 200),
    "directory filtered": ("/{district}/verzeichnis/?query=x&type=nonsense", 200),
    "organisation": ("/{district}/verzeichnis/{organisation}/", 200),
    "who is responsible": ("/{district}/zustaendigkeit/", 200),
    "who is responsible chosen": ("/{district}/zustaendigkeit/?municipality={municipality}", 200),
    "get involved": ("/{district}/mitmachen/", 200),
    "office staff": ("/{district}/ansprechpartner/", 200),
    "integration management": ("/{district}/integrationsmanagement/", 200),
}


@pytest.fixture
def invitation_token(district, users, live_server):
    _invitation, token = invitation_create(
        actor=users[Role.DISTRICT_ADMIN],
        district=district,
        email="neue.person@example.org",
        role=Role.VOLUNTEER,
        base_url=live_server.url,
    )
    return token


@pytest.fixture
def directory_entries(district, municipalities):
    """Fill every public directory page: organisations, contacts, a unit, a tandem."""
    from knotenpunkt.directory.models import (
        IntegrationTeam,
        OfficeUnit,
        OrganisationType,
        Responsibility,
        SpokenLanguage,
        Tandem,
        Topic,
    )
    from knotenpunkt.directory.tests.factories import ContactPersonFactory, OrganisationFactory

    # Live-server tests empty the tables afterwards, the reference rows of the migration too.
    for code in ("de", "ar"):
        SpokenLanguage.objects.get_or_create(code=code)
    Topic.objects.get_or_create(code="counselling")
    here = municipalities[0]
    organisation = OrganisationFactory(
        district=district,
        name="Koordinationsstelle Integration",
        type=OrganisationType.COORDINATION_POINT,
        municipality=here,
        street="Marktplatz 1",
        postal_code="74564",
        city="Crailsheim",
        phone="07951 403-0",
        email="integration@example.org",
        opening_hours="Mo–Fr 9–12 Uhr",
        description="Beratung und Vermittlung für Geflüchtete.",
    )
    organisation.languages.add("de", "ar")
    organisation.topics.add("counselling")
    organisation.municipalities.add(here)
    ContactPersonFactory(organisation=organisation, name="Amal Haddad", phone="07951 403-12")
    initiative = OrganisationFactory(
        district=district,
        name="Helferkreis Asyl",
        type=OrganisationType.VOLUNTEER_INITIATIVE,
        municipality=here,
    )
    initiative.municipalities.add(here)
    initiative.speaker = ContactPersonFactory(organisation=initiative, name="Petra Sprecherin")
    initiative.save(update_fields=["speaker"])
    unit = OfficeUnit.objects.create(district=district, name="Sachgebiet Integration")
    lead = ContactPersonFactory(organisation=organisation, unit=unit, name="Frau Leitung")
    ContactPersonFactory(organisation=organisation, unit=unit, name="Herr Vertretung", deputy=lead)
    team = IntegrationTeam.objects.create(district=district, name="Team Nord")
    tandem = Tandem.objects.create(district=district, team=team, name="Tandem A")
    tandem.members.add(ContactPersonFactory(organisation=organisation, name="Sara Manager"))
    Responsibility.objects.create(
        district=district, municipality=here, provider=organisation, tandem=tandem
    )
    return {"organisation": organisation.pk, "municipality": here.pk}


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_have_no_accessibility_violations(
    new_page, district, invitation_token, directory_entries, language
):
    # One browser context for all pages keeps the suite fast; the report lists every page.
    page = new_page(language=language)
    reports = []
    for name, (path, status) in PUBLIC_PAGES.items():
        response = page.goto(
            path.format(district=district.slug, token=invitation_token, **directory_entries)
        )
        assert response.status == status, name
        assert page.locator("html").get_attribute("lang") == language, name
        violations = axe_violations(page)
        if violations:
            reports.append(f"[{name}] " + format_violations(page.url, violations))
    assert not reports, "\n\n".join(reports)


@pytest.mark.parametrize("language", LANGUAGES)
def test_workspace_pages_have_no_accessibility_violations(
    new_page, log_in, district, users, language
):
    page = new_page(language=language)
    log_in(page, users[Role.DISTRICT_ADMIN])
    for path in ("workspace/", "workspace/members/", "workspace/settings/"):
        response = page.goto(f"/{district.slug}/{path}")
        assert response.status == 200, path
        assert_accessible(page)

    page.goto(f"/{district.slug}/workspace/members/invite/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".kern-error").count() > 0, "the empty invite form shows no errors"
    assert_accessible(page)


def test_account_pages_have_no_accessibility_violations(new_page, log_in, users):
    page = new_page()
    log_in(page, users[Role.INTEGRATION_MANAGER])
    for path in ("/accounts/2fa/totp/activate/", "/accounts/email/", "/accounts/password/change/"):
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page)


def test_dark_colour_scheme_has_no_accessibility_violations(new_page, log_in, district, users):
    """KERN follows the system's dark mode; our own colours must follow it too."""
    page = new_page(color_scheme="dark")
    for path in (f"/{district.slug}/", "/accounts/login/"):
        page.goto(path)
        assert_accessible(page)
    log_in(page, users[Role.DISTRICT_ADMIN])
    for path in ("workspace/", "workspace/members/"):
        page.goto(f"/{district.slug}/{path}")
        assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_delivery_log_has_no_accessibility_violations(
    new_page, log_in, district, users, language
):
    from knotenpunkt.outbox.models import MailState, OutgoingMail
    from knotenpunkt.outbox.services import queue_mail

    for state in (MailState.SENT, MailState.RETRYING, MailState.FAILED, MailState.UNCERTAIN):
        row = queue_mail(
            kind="accounts.invitation",
            to=f"{state}@example.org",
            subject=f"Einladung ({state})",
            text="Text",
            district=district,
            sender=users[Role.DISTRICT_ADMIN],
        )
        OutgoingMail.objects.filter(pk=row.pk).update(
            state=state, text_body="Text", last_error="ConnectionRefusedError"
        )
    page = new_page(language=language)
    log_in(page, users[Role.DISTRICT_ADMIN])

    response = page.goto(f"/{district.slug}/workspace/postausgang/")

    assert response.status == 200
    assert page.locator("main form button[type=submit]").count() >= 3
    assert_accessible(page)
