"""The number of unread notifications, for the header of every page."""

from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from .permissions import can_have_notifications
from .selectors import count_unread


def unread(request):
    user = getattr(request, "user", None)
    district = getattr(request, "district", None) or getattr(request, "layout_district", None)
    if user is None or district is None or not user.is_authenticated:
        return {}
    if not can_have_notifications(user, district):
        return {}
    return {
        "notifications_url": reverse("notifications:list", kwargs={"district_slug": district.slug}),
        "unread_notifications": SimpleLazyObject(lambda: count_unread(user, district)),
    }
