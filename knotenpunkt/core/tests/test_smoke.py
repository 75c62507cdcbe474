from knotenpunkt.core.roles import Role


def test_district_home_renders_for_anonymous_visitors(client, district):
    response = client.get(f"/{district.slug}/")
    assert response.status_code == 200
    assert district.name in response.content.decode()


def test_admin_reaches_workspace(client, users, district):
    client.force_login(users[Role.DISTRICT_ADMIN])
    response = client.get(f"/{district.slug}/workspace/")
    assert response.status_code == 200
