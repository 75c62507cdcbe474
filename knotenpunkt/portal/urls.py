from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("<slug:district_slug>/", views.district_home, name="district_home"),
    path("<slug:district_slug>/gemeinden/", views.municipalities, name="municipalities"),
    path("<slug:district_slug>/impressum/", views.imprint, name="imprint"),
    path("<slug:district_slug>/datenschutz/", views.privacy, name="privacy"),
    path("<slug:district_slug>/barrierefreiheit/", views.accessibility, name="accessibility"),
]
