from django.contrib import admin

from .models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the outbox; resending goes through the workspace."""

    list_display = ("created_at", "kind", "to", "subject", "state", "attempts", "district")
    list_filter = ("state", "kind", "district")
    search_fields = ("to", "subject", "message_id")
    exclude = ("text_body", "html_body")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
