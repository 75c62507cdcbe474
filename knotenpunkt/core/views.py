"""Error pages rendered in the district's layout, translated, revealing nothing."""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token

from .unavailable import database_unavailable, database_unavailable_error

logger = logging.getLogger(__name__)

_FALLBACK_500 = (
    "<!doctype html><html lang='de'><head><meta charset='utf-8'><title>Fehler</title></head>"
    "<body><main><h1>Ein Fehler ist aufgetreten</h1><p>Bitte versuchen Sie es später "
    "noch einmal.</p></main></body></html>"
)


@requires_csrf_token
def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


@requires_csrf_token
def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


@requires_csrf_token
def server_error(request):
    if database_unavailable_error() is not None:
        return database_unavailable(request)
    try:
        return render(request, "errors/500.html", status=500)
    except Exception:
        # The layout itself may be what failed (e.g. the database is down).
        logger.exception("Rendering the error page failed")
        return HttpResponseServerError(_FALLBACK_500)


def healthz(request):
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")


@requires_csrf_token
def too_many_requests(request, exception=None):
    """Refused by allauth's rate limits (too many logins): in the layout and language."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response


def csrf_failure(request, reason=""):
    """Explain an expired or missing form token without technical detail."""
    return render(request, "errors/403_csrf.html", status=403)
