"""The workspace home "Mein Knotenpunkt": what waits for each role, with counts that match
the lists they link to, at a constant number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from knotenpunkt.core.roles import Role
from knotenpunkt.directory.tests.factories import OrganisationFactory, affiliate
from knotenpunkt.offers.models import OfferState
from knotenpunkt.offers.tests.factories import OfferFactory, OfferTranslationFactory

pytestmark = pytest.mark.django_db


def _home(client, user, district):
    client.force_login(user)
    return client.get(reverse("workspace:home", kwargs={"district_slug": district.slug}))


def _panels(response):
    return {shown.panel.key: shown for shown in response.context["todo_panels"]}


def _infos(response):
    return {shown.panel.key: shown for shown in response.context["info_panels"]}


def test_a_volunteer_gets_a_home_with_their_initiative_and_ways_to_take_part(
    client, district, users, organisation
):
    affiliate(users[Role.VOLUNTEER], organisation, role=Role.VOLUNTEER)

    response = _home(client, users[Role.VOLUNTEER], district)

    assert response.status_code == 200
    infos = _infos(response)
    assert {"directory.initiative", "directory.get_involved", "offers.find"} <= set(infos)
    page = response.content.decode()
    assert organisation.name in page
    assert reverse("directory:get_involved", args=[district.slug]) in page
    assert reverse("offers:catalogue", args=[district.slug]) in page


def test_a_volunteer_without_an_initiative_is_told_how_to_get_one(client, district, users, german):
    response = _home(client, users[Role.VOLUNTEER], district)

    assert _infos(response)["directory.initiative"].context["organisation"] is None
    told = german(
        "You are not linked to an initiative yet. If you help in one, the district's "
        "migration office can link you to it."
    )
    assert told in response.content.decode()


def test_a_partner_editor_sees_their_organisation_by_name_with_its_entry_and_offers(
    client, district, users, provider, categories
):
    OfferFactory(district=district, provider=provider, category=categories[0])
    OfferFactory(district=district, provider=provider, category=categories[0], state="draft")

    response = _home(client, users[Role.PARTNER_EDITOR], district)

    page = response.content.decode()
    assert provider.name in page
    assert reverse("directory:workspace_organisation", args=[district.slug, provider.pk]) in page
    assert reverse("directory:organisation", args=[district.slug, provider.pk]) in page
    own = _infos(response)["offers.own"].context
    assert own["total"] == 2
    assert f"{reverse('offers:workspace_list', args=[district.slug])}?state=draft" in page


def test_a_reviewers_count_is_the_length_of_the_review_queue(
    client, district, users, provider, categories
):
    for _ in range(3):
        OfferFactory(
            district=district, provider=provider, category=categories[0], state="in_review"
        )
    response = _home(client, users[Role.DISTRICT_COORDINATOR], district)
    panel = _panels(response)["offers.review"]
    queue = client.get(panel.url)

    assert panel.count == 3
    assert len(queue.context["offers"]) == 3
    assert "3" in response.content.decode()


@pytest.mark.parametrize(
    ("need", "make"),
    [
        ("sent_back", {"state": OfferState.DRAFT, "review_note": "Bitte Adresse ergänzen."}),
        ("due", {"last_confirmed_at": None}),
    ],
)
def test_a_partner_editors_counts_match_the_filtered_list(
    client, district, users, provider, categories, need, make
):
    OfferFactory(district=district, provider=provider, category=categories[0], **make)
    OfferFactory(district=district, provider=provider, category=categories[0])
    OfferFactory(district=district, category=categories[0], **make)  # another provider's

    response = _home(client, users[Role.PARTNER_EDITOR], district)
    panel = _panels(response)[f"offers.{need}"]
    listed = client.get(panel.url)

    assert panel.count == 1
    assert listed.context["page"].paginator.count == 1


def test_an_outdated_translation_is_counted_and_listed(
    client, district, users, provider, categories
):
    offer = OfferFactory(district=district, provider=provider, category=categories[0])
    OfferTranslationFactory(offer=offer, language="ar")
    offer.title = "Neuer Titel"
    offer.save()

    response = _home(client, users[Role.PARTNER_EDITOR], district)
    panel = _panels(response)["offers.outdated_translations"]

    assert panel.count == 1
    assert client.get(panel.url).context["page"].paginator.count == 1


def test_an_empty_panel_says_there_is_nothing_to_do(client, district, users):
    response = _home(client, users[Role.DISTRICT_COORDINATOR], district)

    panel = _panels(response)["offers.review"]
    assert panel.count == 0
    assert str(panel.panel.empty_text) in response.content.decode()


def test_the_administrator_sees_open_invitations(client, district, users):
    from knotenpunkt.accounts.tests.factories import InvitationFactory

    InvitationFactory(district=district)
    InvitationFactory(district=district, expired=True)

    response = _home(client, users[Role.DISTRICT_ADMIN], district)

    assert _panels(response)["accounts.invitations"].count == 1


def _queries_for_home(client, user, district):
    client.force_login(user)
    url = reverse("workspace:home", kwargs={"district_slug": district.slug})
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", [Role.DISTRICT_COORDINATOR, Role.PARTNER_EDITOR, Role.VOLUNTEER])
def test_the_home_costs_the_same_number_of_queries_for_10_and_100_records(
    client, district, users, provider, categories, role
):
    def add(count):
        for index in range(count):
            offer = OfferFactory(
                district=district,
                provider=provider,
                category=categories[0],
                state=["published", "draft", "in_review"][index % 3],
                review_note="Bitte prüfen" if index % 3 == 1 else "",
            )
            OfferTranslationFactory(offer=offer, language="en")
            OrganisationFactory(district=district, last_confirmed_at=None)

    add(10)
    few = _queries_for_home(client, users[role], district)
    add(90)
    many = _queries_for_home(client, users[role], district)

    assert few == many


def test_every_to_do_panel_links_to_a_page_the_person_may_open(client, district, users):
    for role in Role:
        if role in (Role.INTEGRATION_MANAGER, Role.INTEGRATION_TEAM_LEAD):
            continue  # they must set up a second factor first (accounts/tests/test_mfa.py)
        response = _home(client, users[role], district)
        for shown in response.context["todo_panels"]:
            assert client.get(shown.url).status_code == 200, (role, shown.panel.key)
            assert re.match(rf"^/{district.slug}/", shown.url)
