"""View decorators for district URLs."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .permissions import roles_of


def district_view(view):
    """Require a resolved district for a /<district-slug>/… view; drop the slug argument."""

    @wraps(view)
    def wrapper(request, *args, district_slug, **kwargs):
        district = getattr(request, "district", None)
        if district is None or district.slug != district_slug:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def district_permission_required(predicate):
    """Require a resolved district and ``predicate(user, district)``.

    Anonymous visitors go to the login page. Members of the district who lack the
    permission get 403; people from outside the district get the same 404 as for a page
    that does not exist, so the district's internals stay invisible to them.
    """

    def decorator(view):
        @district_view
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request.user, request.district):
                if roles_of(request.user, request.district):
                    raise PermissionDenied
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
