"""The workspace home "Mein Knotenpunkt": what waits for the person, panel by panel."""

from django.shortcuts import render

from knotenpunkt.core.decorators import district_permission_required

from .panels import home_panels
from .permissions import can_view_workspace


@district_permission_required(can_view_workspace)
def home(request):
    district = request.district
    panels = home_panels(request.user, district)
    context = {
        "todo_panels": [panel for panel in panels if panel.panel.count is not None],
        "info_panels": [panel for panel in panels if panel.panel.count is None],
    }
    return render(request, "workspace/home.html", context)
