"""The offers catalogue's URLs, collected from its view modules."""

from .views import (
    categories,
    coverage,
    embed,
    export,
    feeds,
    form_rows,
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
    + form_rows.urlpatterns
    + translations.urlpatterns
    + freshness.urlpatterns
    + categories.urlpatterns
    + coverage.urlpatterns
    + embed.urlpatterns
    + feeds.urlpatterns
)
