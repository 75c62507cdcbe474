from django.urls import path

from . import views

app_name = "workspace"

urlpatterns = [
    path("<slug:district_slug>/workspace/", views.home, name="home"),
]
