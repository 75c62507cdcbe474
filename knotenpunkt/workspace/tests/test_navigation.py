"""The workspace has its own navigation, grouped by area, apart from the public one; the
account pages keep the district's layout and navigation."""

import pytest
from django.urls import reverse

from knotenpunkt.core.plugins import AppPlugin, contributions, plugins
from knotenpunkt.core.roles import Role

pytestmark = pytest.mark.django_db


def _sections(response):
    return {
        section.key: [link.url for link in section.links]
        for section in response.context["workspace_navigation"]
    }


def test_public_pages_have_only_the_public_navigation(client, district, users):
    client.force_login(users[Role.DISTRICT_ADMIN])
    response = client.get(reverse("portal:district_home", args=[district.slug]))

    public = [link.url for link in response.context["public_navigation"]]
    assert reverse("offers:catalogue", args=[district.slug]) in public
    assert not any("/workspace/" in url for url in public)
    assert list(response.context["workspace_navigation"]) == []


def test_workspace_pages_group_the_workspace_navigation_by_area(client, district, users):
    client.force_login(users[Role.DISTRICT_ADMIN])
    response = client.get(reverse("workspace:home", args=[district.slug]))

    sections = _sections(response)
    assert list(sections)[0] == "overview"
    assert {"offers", "directory", "district", "account"} <= set(sections)
    assert reverse("accounts:members", args=[district.slug]) in sections["district"]
    assert reverse("districts:settings", args=[district.slug]) in sections["district"]
    assert reverse("accounts:profile") in sections["account"]


def test_a_volunteer_sees_only_what_a_volunteer_may_open(client, district, users):
    client.force_login(users[Role.VOLUNTEER])
    response = client.get(reverse("workspace:home", args=[district.slug]))

    sections = _sections(response)
    assert set(sections) == {"overview", "account"}
    for urls in sections.values():
        for url in urls:
            assert client.get(url).status_code == 200, url


def test_the_current_page_is_marked_in_the_workspace_navigation(client, district, users):
    client.force_login(users[Role.DISTRICT_COORDINATOR])
    review = reverse("offers:review_queue", args=[district.slug])
    response = client.get(review)

    current = [
        link.url
        for section in response.context["workspace_navigation"]
        for link in section.links
        if link.current
    ]
    assert current == [review]
    assert 'aria-current="page"' in response.content.decode()


def test_account_pages_keep_the_layout_of_the_district_one_works_in(client, district, users):
    client.force_login(users[Role.PARTNER_EDITOR])
    client.get(reverse("workspace:home", args=[district.slug]))

    response = client.get(reverse("account_change_password"))

    assert response.context["district"] == district
    assert district.name in response.content.decode()
    assert "account" in _sections(response)


def test_account_pages_do_not_take_the_layout_of_a_district_one_left(
    client, district, other_district, users
):
    client.force_login(users[Role.PARTNER_EDITOR])
    client.get(reverse("workspace:home", args=[district.slug]))
    users[Role.PARTNER_EDITOR].memberships.all().delete()

    response = client.get(reverse("account_change_password"))

    assert response.context["district"] is None


def test_every_plugin_is_an_app_plugin_and_its_addresses_exist(district):
    assert plugins(), "no app declares a plugin"
    for _label, plugin in plugins():
        assert isinstance(plugin, AppPlugin)
    for part in ("public_navigation", "workspace_navigation"):
        for _label, entry in contributions(part):
            kwargs = {"district_slug": district.slug} if entry.in_district else {}
            assert reverse(entry.url_name, kwargs=kwargs)
    groups = {group.key for _label, group in contributions("workspace_groups")}
    for _label, entry in contributions("workspace_navigation"):
        assert entry.group in groups, entry
