from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("accounts/start/", views.after_login, name="after_login"),
    path("accounts/profile/", views.profile, name="profile"),
    path("<slug:district_slug>/workspace/members/", views.members, name="members"),
    path("<slug:district_slug>/workspace/members/invite/", views.invite, name="invite"),
    path(
        "<slug:district_slug>/workspace/members/<int:pk>/role/",
        views.membership_change,
        name="membership_change",
    ),
    path(
        "<slug:district_slug>/workspace/members/<int:pk>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
    path(
        "<slug:district_slug>/workspace/invitations/<int:pk>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path(
        "<slug:district_slug>/workspace/invitations/<int:pk>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "<slug:district_slug>/einladung/<str:token>/",
        views.invitation_accept_view,
        name="invitation_accept",
    ),
    path(
        "<slug:district_slug>/einladung/<str:token>/neu/",
        views.invitation_renewal,
        name="invitation_renewal",
    ),
]
