from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("accounts/notifications/", views.notification_settings, name="settings"),
    path(
        "<slug:district_slug>/workspace/benachrichtigungen/",
        views.notification_list,
        name="list",
    ),
    path(
        "<slug:district_slug>/workspace/benachrichtigungen/gelesen/",
        views.notifications_mark_read,
        name="mark_read",
    ),
    path(
        "<slug:district_slug>/workspace/benachrichtigungen/<int:pk>/",
        views.notification_open,
        name="open",
    ),
]
