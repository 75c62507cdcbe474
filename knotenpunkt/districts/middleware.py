"""Resolve the district from the first URL segment: /<district-slug>/…"""

from knotenpunkt.core.permissions import is_member
from knotenpunkt.core.unavailable import DATABASE_UNAVAILABLE

from .models import RESERVED_SLUGS, District

# The district whose layout the account pages (/accounts/…) use: the last district a
# person worked in.
SESSION_KEY = "knotenpunkt_district"

# The districts this process has served, by address: while the database cannot be reached,
# the 503 page still shows the district's name and links (core/unavailable.py). One entry
# per active district, so it stays small.
_last_seen = {}


class DistrictMiddleware:
    """Set ``request.district`` (or None) before the view and the error pages run.

    Resolving here rather than in each view lets a 404 inside a district still render in
    that district's layout. Pages outside every district (the account pages) get
    ``request.layout_district``: the district the logged-in person last worked in, so that
    they keep its layout and navigation. Only ``request.district`` may be used to decide
    what a page shows; ``layout_district`` is for the layout.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.district = self.district_for_path(request.path_info)
        except DATABASE_UNAVAILABLE:
            request.layout_district = _last_seen.get(_slug(request.path_info))
            raise
        request.layout_district = request.district or self.remembered_district(request)
        if request.district is not None and self._is_member(request, request.district):
            if request.session.get(SESSION_KEY) != request.district.slug:
                request.session[SESSION_KEY] = request.district.slug
        return self.get_response(request)

    @staticmethod
    def district_for_path(path):
        slug = _slug(path)
        if not slug or slug in RESERVED_SLUGS:
            return None
        district = District.objects.filter(slug=slug, is_active=True).first()
        if district is None:
            _last_seen.pop(slug, None)
        else:
            _last_seen[slug] = district
        return district

    @classmethod
    def remembered_district(cls, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        slug = request.session.get(SESSION_KEY)
        district = District.objects.filter(slug=slug, is_active=True).first() if slug else None
        if district is not None and cls._is_member(request, district):
            return district
        return None

    @staticmethod
    def _is_member(request, district) -> bool:
        user = getattr(request, "user", None)
        return user is not None and is_member(user, district)


def _slug(path):
    return path.lstrip("/").split("/", 1)[0]
