from django.urls import path

from . import views

app_name = "outbox"

urlpatterns = [
    path("<slug:district_slug>/workspace/postausgang/", views.mail_log, name="log"),
    path(
        "<slug:district_slug>/workspace/postausgang/<int:pk>/erneut-senden/",
        views.mail_resend,
        name="resend",
    ),
]
