from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from knotenpunkt.accounts import views as accounts_views
from knotenpunkt.core import views as core_views

# Django's own admin login knows neither allauth's lock-out nor the second factor:
# send people through allauth's login instead.
admin.site.login = secure_admin_login(admin.site.login)

handler400 = "knotenpunkt.core.views.bad_request"
handler403 = "knotenpunkt.core.views.permission_denied"
handler404 = "knotenpunkt.core.views.page_not_found"
handler500 = "knotenpunkt.core.views.server_error"
# allauth's rate limits (ratelimit.respond_429) look for this beside Django's handlers.
handler429 = "knotenpunkt.core.views.too_many_requests"

urlpatterns = [
    path("healthz/", core_views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico where a page names no icon (a PDF viewer, a feed reader).
    # Not permanent: the static file's name changes with its content.
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static, str)("favicon.svg"), permanent=False),
        name="favicon",
    ),
    # Django's language switch, which also keeps a logged-in person's choice (accounts).
    path("i18n/setlang/", accounts_views.set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("knotenpunkt.api.urls")),
    # Ours first: it adds accounts/start/ beside allauth's accounts/ pages.
    path("", include("knotenpunkt.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("knotenpunkt.workspace.urls")),
    path("", include("knotenpunkt.notifications.urls")),
    path("", include("knotenpunkt.districts.urls")),
    path("", include("knotenpunkt.outbox.urls")),
    path("", include("knotenpunkt.directory.urls")),
    path("", include("knotenpunkt.downloads.urls")),
    path("", include("knotenpunkt.offers.urls")),
    path("", include("knotenpunkt.portal.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
