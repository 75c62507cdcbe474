"""Technical administration for installation operators (superusers) only.

District staff work in the workspace, which enforces tenancy and roles; the Django admin
is where the operator creates a new district and its first administrator.
"""

from django.contrib import admin

from .models import District, Municipality, Region


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "official_key", "is_active")
    search_fields = ("name", "slug", "official_key")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "district")
    list_filter = ("district",)
    list_select_related = ("district",)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("name", "official_key", "region", "district", "integration_management")
    list_filter = ("district", "integration_management")
    list_select_related = ("district", "region")
    search_fields = ("name", "official_key")
