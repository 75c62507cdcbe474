"""The offers catalogue's URLs, collected from its view modules."""

from .views import coverage, embed, feeds, public, workspace

app_name = "offers"

urlpatterns = (
    public.urlpatterns
    + workspace.urlpatterns
    + coverage.urlpatterns
    + embed.urlpatterns
    + feeds.urlpatterns
)
