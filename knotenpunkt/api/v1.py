"""Version 1 of the public API: /api/v1/<district-slug>/…, schema and documentation."""

import pydantic_core
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.renderers import BaseRenderer

from .endpoints import router
from .errors import install_handlers

DESCRIPTION = """\
Read-only access to the public data of each district: offers, their categories, the public
directory of organisations, and the municipalities. Every path starts with the district's
address (e.g. `/api/v1/landkreis-beispiel/offers`).

- **Anonymous and read-only**: GET and HEAD only, no login, no cookies needed. CORS allows
  every origin (without credentials).
- **Pagination**: `page` (from 1) and `limit` (1–100). Answers carry `count`, `pages` and the
  URLs of the `next` and `previous` pages.
- **Languages**: `lang` chooses the language of translated texts and labels; each offer says
  in `translation_status` whether its text is translated.
- **Caching**: answers carry `ETag` and `Last-Modified`; send `If-None-Match` or
  `If-Modified-Since` and get `304 Not Modified` while nothing changed.
- **Errors**: unknown districts and records answer 404; invalid parameters 422, also an
  empty one (`?page=`) and a page after the last; both as JSON. While the service cannot
  reach its database it answers 503 with `Retry-After` and a JSON problem (RFC 9457).
- **Times** of offers are local times in the district (Europe/Berlin), `HH:MM:SS`.
"""


class AccessibleSwagger(Swagger):
    """Swagger UI that passes axe: a page language, darker colours, and no deep links
    (Swagger UI puts their links inside the buttons that open an operation)."""

    template = "api/swagger.html"
    default_settings = {**Swagger.default_settings, "deepLinking": False}


class JSONRenderer(BaseRenderer):
    """JSON through pydantic's serialiser (Rust): several times faster than ``json.dumps``
    with ninja's encoder for a page of 100 offers. Dates come out in ISO 8601."""

    media_type = "application/json"
    charset = "utf-8"

    def render(self, request, data, *, response_status):
        return pydantic_core.to_json(data)


api = NinjaAPI(
    title="Knotenpunkt API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    renderer=JSONRenderer(),
    # With "ninja" in INSTALLED_APPS the page loads Swagger UI from our own static files
    # (no CDN) and configures it from a JSON block and a script file: the strict CSP holds.
    docs=AccessibleSwagger(
        settings={
            "defaultModelsExpandDepth": 0,
            "tryItOutEnabled": True,
            # Its colours on the dark code background fall short of AA contrast.
            "syntaxHighlight": {"activated": False},
        }
    ),
)
api.add_router("", router)
install_handlers(api)
