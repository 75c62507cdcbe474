from django.urls import path

from .views import logo, settings

app_name = "districts"

urlpatterns = [
    path(
        "<slug:district_slug>/workspace/settings/",
        settings.district_settings,
        name="settings",
    ),
    path("<slug:district_slug>/logo/", logo.district_logo, name="logo"),
]
