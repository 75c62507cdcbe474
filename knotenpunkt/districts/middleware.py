"""Resolve the district from the first URL segment: /<district-slug>/…"""

from .models import RESERVED_SLUGS, District


class DistrictMiddleware:
    """Set ``request.district`` (or None) before the view and the error pages run.

    Resolving here rather than in each view lets a 404 inside a district still render in
    that district's layout.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.district = self.district_for_path(request.path_info)
        return self.get_response(request)

    @staticmethod
    def district_for_path(path):
        slug = path.lstrip("/").split("/", 1)[0]
        if not slug or slug in RESERVED_SLUGS:
            return None
        return District.objects.filter(slug=slug, is_active=True).first()
