"""The navigations of the layout: public links, and the workspace's own navigation."""

from django.utils.functional import SimpleLazyObject

from .navigation import public_navigation, workspace_navigation


def navigation(request):
    district = getattr(request, "district", None) or getattr(request, "layout_district", None)
    return {
        "public_navigation": SimpleLazyObject(lambda: public_navigation(request, district)),
        # Drawn beside the content on workspace pages and on the account pages.
        "workspace_navigation": SimpleLazyObject(
            lambda: workspace_navigation(request, district) if is_workspace_page(request) else []
        ),
    }


def is_workspace_page(request) -> bool:
    district = getattr(request, "district", None)
    if district is not None:
        return request.path_info.startswith(f"/{district.slug}/workspace/")
    return request.path_info.startswith("/accounts/") and request.user.is_authenticated
