"""Error answers of the API: JSON, with messages for people in their language.

Invalid parameters answer 422 with one entry per parameter::

    {"detail": "Some parameters are not valid.",
     "errors": [{"parameter": "category", "type": "unknown", "message": "…"}]}

``type`` is for programs (pydantic's error types, or ``unknown`` and ``page_out_of_range``);
``message`` is for people, translated like the rest of the site (Accept-Language).
"""

from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja.errors import ValidationError as NinjaValidationError

from knotenpunkt.core.unavailable import api_unavailable

# Ninja adds the place of a parameter in front of its name (("query", "category")).
PARAMETER_SOURCES = {"query", "path"}


class InvalidParameters(Exception):
    """Raised by endpoints for parameters that parse but do not fit (an unknown id)."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__(errors)


def invalid(parameter, message, type="invalid"):
    return InvalidParameters([{"parameter": parameter, "type": type, "message": message}])


def _message(error):
    """Return a translated message for one of pydantic's errors."""
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind in {"int_parsing", "int_parsing_size", "int_type", "int_from_float"}:
        return _("Enter a whole number.")
    if kind == "greater_than_equal":
        return _("Enter a number of at least %(limit)s.") % {"limit": context.get("ge")}
    if kind == "less_than_equal":
        return _("Enter a number of at most %(limit)s.") % {"limit": context.get("le")}
    if kind in {"bool_parsing", "bool_type"}:
        return _("Enter true or false.")
    if kind in {"literal_error", "enum"}:
        return _("Choose one of: %(choices)s.") % {"choices": context.get("expected", "")}
    if kind == "string_too_long":
        return _("Enter at most %(limit)s characters.") % {"limit": context.get("max_length")}
    if kind == "missing":
        return _("This parameter is required.")
    return _("This value is not valid.")


def _parameter(location):
    parts = [str(part) for part in location]
    if parts and parts[0] in PARAMETER_SOURCES:
        parts = parts[1:]
    return ".".join(parts)


def from_ninja(exc: NinjaValidationError):
    return [
        {
            "parameter": _parameter(error.get("loc", ())),
            "type": error.get("type", "invalid"),
            "message": _message(error),
        }
        for error in exc.errors
    ]


def invalid_parameters_response(api, request, errors):
    body = {"detail": _("Some parameters are not valid."), "errors": errors}
    return api.create_response(request, body, status=422)


def install_handlers(api):
    """Answer every error of ``api`` in JSON: 404, 422, and Django's 404 inside endpoints."""

    @api.exception_handler(NinjaValidationError)
    def validation_error(request, exc) -> HttpResponse:
        return invalid_parameters_response(api, request, from_ninja(exc))

    @api.exception_handler(InvalidParameters)
    def invalid_parameters(request, exc) -> HttpResponse:
        return invalid_parameters_response(api, request, exc.errors)

    @api.exception_handler(OperationalError)
    @api.exception_handler(InterfaceError)
    def database_unavailable(request, exc) -> HttpResponse:
        return api_unavailable(request)

    @api.exception_handler(Http404)
    def not_found(request, exc) -> HttpResponse:
        return api.create_response(request, {"detail": _("Not found.")}, status=404)
