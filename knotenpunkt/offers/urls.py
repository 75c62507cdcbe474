"""The offers catalogue's URLs, collected from its view modules."""

from .views import (
    categories,
    coverage,
    embed,
    export,
    feeds,
    freshness,
    public,
    translations,
    workspace,
)

app_name = "offers"

urlpatterns = (
    public.urlpatterns
    + workspace.urlpatterns
    + export.urlpatterns
    + translations.urlpatterns
    + freshness.urlpatterns
    + categories.urlpatterns
    + coverage.urlpatterns
    + embed.urlpatterns
    + feeds.urlpatterns
)
