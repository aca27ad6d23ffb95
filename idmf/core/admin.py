from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from idmf.core.models import Membership, Organisation, Place, Service, System


@admin.register(System)
class SystemAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name"]


@admin.register(Place)
class PlaceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "system"]
    list_filter = ["system"]


class ServiceInline(admin.TabularInline):
    model = Service
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "system"]
    list_filter = ["system", "kind"]
    search_fields = ["name", "short_name"]
    inlines = [ServiceInline]


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "relationship", "core20plus5_area"]
    list_filter = ["relationship", "core20plus5_area"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "organisation", "system"]
    list_filter = ["role", "system"]
    search_fields = ["user__username", "user__last_name"]
    autocomplete_fields = ["organisation"]
