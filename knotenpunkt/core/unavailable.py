"""The answer while the database cannot be reached: 503 with Retry-After, never a 500.

Django turns an exception anywhere in a request (a middleware, the view, a template) into
the ``handler500`` answer, so ``views.server_error`` asks :func:`database_unavailable_error`
whether the exception it handles is a lost connection and then answers with
:func:`database_unavailable`. That page is rendered from a plain context: the context
processors (the user from the session, the workspace navigation, the unread notifications)
and the district lookup all read the database, which is the one thing not to touch now.
"""

import json
import sys

from django.contrib.auth.models import AnonymousUser
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.functional import empty
from django.utils.translation import gettext as _

from .context_processors import layout

# Connection failures (server down, connection lost or closed); OperationalError also covers
# a lock that timed out: each is over in a moment, so the client is asked to come back.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"

_FALLBACK_503 = (
    "<!doctype html><html lang='de'><head><meta charset='utf-8'><title>Nicht erreichbar"
    "</title></head><body><main><h1>Knotenpunkt ist gerade nicht erreichbar</h1><p>Bitte "
    "versuchen Sie es in einer Minute noch einmal.</p></main></body></html>"
)


def database_unavailable_error(exc=None):
    """Return the connection error behind ``exc`` (default: the one being handled), or None."""
    if exc is None:
        exc = sys.exc_info()[1]
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, DATABASE_UNAVAILABLE):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def _loaded_user(request):
    """Return the user if the request has loaded it already, else an anonymous one."""
    user = request.__dict__.get("user")
    if user is None:
        return AnonymousUser()
    wrapped = getattr(user, "_wrapped", user)
    return AnonymousUser() if wrapped is empty else wrapped


def _layout_district(request):
    """The district the request had resolved (or the middleware remembered), no lookup."""
    return request.__dict__.get("district") or request.__dict__.get("layout_district")


def api_unavailable(request):
    """Return the API's answer: a JSON problem (RFC 9457) with Retry-After."""
    body = {
        "type": "about:blank",
        "title": "Service Unavailable",
        "status": 503,
        "detail": _("The service is unavailable for a moment. Please try again in a minute."),
    }
    response = HttpResponse(
        json.dumps(body), status=503, content_type="application/problem+json; charset=utf-8"
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def database_unavailable(request):
    """Return the 503 answer for ``request``: JSON under /api/, else the page in the layout."""
    if request.path_info.startswith(API_PREFIX):
        return api_unavailable(request)
    context = {
        **layout(request),
        "district": _layout_district(request),
        "request": request,
        "user": _loaded_user(request),
    }
    try:
        # No request given: a plain Context, so no context processor runs.
        content = render_to_string("errors/503.html", context)
    except Exception:  # noqa: BLE001 (the page must come out whatever failed)
        content = _FALLBACK_503
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
