"""The public navigation and the workspace navigation, built from the apps' plugins."""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

from knotenpunkt.core.plugins import NavEntry, contributions


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str
    current: bool = False


@dataclass(frozen=True)
class NavSection:
    """A group of the workspace navigation with its links."""

    key: str
    label: str
    links: list = field(default_factory=list)


def _url(entry: NavEntry, district) -> str | None:
    kwargs = {"district_slug": district.slug} if entry.in_district else {}
    try:
        return reverse(entry.url_name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _links(entries, request, district) -> list[tuple[NavEntry, NavLink]]:
    """Return the visible entries with their links, the best match for the page current."""
    visible = []
    for entry in sorted(entries, key=lambda entry: entry.order):
        if entry.visible(request.user, district):
            url = _url(entry, district)
            if url is not None:
                visible.append((entry, url))
    path = request.path
    # The longest matching address wins: "Review" rather than "Offers" on the review page.
    matches = [
        url
        for entry, url in visible
        if path == url or (entry.match_prefix and path.startswith(url))
    ]
    current = max(matches, key=len) if matches else None
    return [(entry, NavLink(str(entry.label), url, url == current)) for entry, url in visible]


def public_navigation(request, district) -> list[NavLink]:
    """Return the links of the public navigation of ``district``."""
    if district is None:
        return []
    entries = [entry for _app, entry in contributions("public_navigation")]
    return [link for _entry, link in _links(entries, request, district)]


def workspace_navigation(request, district) -> list[NavSection]:
    """Return the workspace navigation's sections with the links the person may use."""
    if district is None or not request.user.is_authenticated:
        return []
    entries = [entry for _app, entry in contributions("workspace_navigation")]
    links = _links(entries, request, district)
    groups = sorted(
        (group for _app, group in contributions("workspace_groups")), key=lambda g: g.order
    )
    sections = []
    for group in groups:
        group_links = [link for entry, link in links if entry.group == group.key]
        if group_links:
            sections.append(NavSection(group.key, str(group.label), group_links))
    return sections
