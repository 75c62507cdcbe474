from django.urls import path

from .views import settings

app_name = "districts"

urlpatterns = [
    path(
        "<slug:district_slug>/workspace/settings/",
        settings.district_settings,
        name="settings",
    ),
]
