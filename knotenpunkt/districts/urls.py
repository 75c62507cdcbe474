from django.urls import path

from .views import workspace

app_name = "districts"

urlpatterns = [
    path("<slug:district_slug>/workspace/", workspace.workspace_home, name="workspace"),
    path(
        "<slug:district_slug>/workspace/settings/",
        workspace.district_settings,
        name="settings",
    ),
]
