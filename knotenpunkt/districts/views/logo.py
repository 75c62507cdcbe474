"""The district's logo, read through the storage API (any storage: docs/decisions/0021)."""

import mimetypes

from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from knotenpunkt.core.decorators import district_view

# The address carries the logo's version (District.get_logo_url): a day is safe either way.
MAX_AGE = 24 * 3600


@require_GET
@district_view
def district_logo(request):
    """Send the logo of the district (public: it is in every page's header)."""
    logo = request.district.logo
    if not logo:
        raise Http404
    try:
        opened = logo.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(logo.name)[0] or "application/octet-stream"
    response = FileResponse(opened, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response
