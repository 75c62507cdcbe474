"""/api/…: the versions of the public API; anything else under /api/ is a JSON 404."""

from django.http import JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _

from .v1 import api as api_v1


def not_found(request):
    return JsonResponse({"detail": _("Not found.")}, status=404)


urlpatterns = [
    path("v1/", api_v1.urls),
    re_path(r"^", not_found),
]
