"""The panels of "Mein Knotenpunkt": what the apps contribute, for one person."""

from dataclasses import dataclass

from django.urls import reverse

from knotenpunkt.core.plugins import HomePanel, contributions


@dataclass(frozen=True)
class ShownPanel:
    """A panel as the home page draws it."""

    panel: HomePanel
    count: int | None
    description: str
    url: str
    context: dict


def home_panels(user, district) -> list[ShownPanel]:
    """Return the panels ``user`` sees on the home of ``district``, in their order.

    Each to-do panel counts with one query, so the page costs the same number of queries
    whatever the size of the data.
    """
    panels = sorted((panel for _app, panel in contributions("home_panels")), key=_order)
    shown = []
    for panel in panels:
        if not panel.visible(user, district):
            continue
        count = panel.count(user, district) if panel.count else None
        url = ""
        if panel.url_name:
            url = reverse(panel.url_name, kwargs={"district_slug": district.slug})
            url += f"?{panel.url_query}" if panel.url_query else ""
        description = panel.describe(count) if panel.describe and count is not None else ""
        context = panel.context(user, district) if panel.context else {}
        shown.append(
            ShownPanel(panel=panel, count=count, description=description, url=url, context=context)
        )
    return shown


def _order(panel):
    return panel.order
