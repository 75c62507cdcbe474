"""A person's notifications in the workspace, and their e-mail choices."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from knotenpunkt.core.access import get_in_district_or_404
from knotenpunkt.core.decorators import district_permission_required
from knotenpunkt.districts.selectors import districts_public

from .forms import NotificationSettingsForm
from .kinds import kinds_for
from .models import Notification
from .permissions import can_have_notifications
from .selectors import choices_of, link_of, notifications_of, shown
from .services import mark_all_read, mark_read, settings_save

PAGE_SIZE = 20


@district_permission_required(can_have_notifications)
def notification_list(request):
    district = request.district
    page = Paginator(notifications_of(user=request.user, district=district), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = shown(page.object_list, user=request.user, district=district)
    return render(request, "notifications/list.html", {"page": page, "rows": rows})


@district_permission_required(can_have_notifications)
def notification_open(request, pk):
    """Mark a notification read and go to what it is about, if the reader may still see it."""
    district = request.district
    notification = get_in_district_or_404(
        Notification.objects.filter(recipient=request.user), district=district, pk=pk
    )
    mark_read(user=request.user, notification=notification)
    url = link_of(notification, user=request.user, district=district)
    if url:
        return redirect(url)
    messages.info(request, _("What this notification was about is no longer available to you."))
    return redirect("notifications:list", district_slug=district.slug)


@require_POST
@district_permission_required(can_have_notifications)
def notifications_mark_read(request):
    count = mark_all_read(user=request.user, district=request.district)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list", district_slug=request.district.slug)


@require_http_methods(["GET", "POST"])
@login_required
def notification_settings(request):
    kinds = kinds_for(request.user, districts_public())
    form = NotificationSettingsForm(
        request.POST or None, kinds=kinds, chosen=choices_of(request.user)
    )
    if request.method == "POST" and form.is_valid():
        settings_save(user=request.user, choices=form.choices())
        messages.success(request, _("Your notification settings have been saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})
