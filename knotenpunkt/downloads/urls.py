"""The download centre's URLs, collected from its view modules."""

from .views import public, workspace

app_name = "downloads"

urlpatterns = public.urlpatterns + workspace.urlpatterns
