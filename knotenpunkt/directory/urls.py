"""The directory's URLs, collected from its view modules."""

from .views import public, transfer, workspace

app_name = "directory"

urlpatterns = public.urlpatterns + workspace.urlpatterns + transfer.urlpatterns
