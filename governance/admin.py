from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from .imports.exports import ParticipantResource
from .models import Body, Membership, Organisation, Person, User, UserSession


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "is_active", "is_staff"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person", "organisation"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "type", "collective"]
    list_filter = ["type", "collective"]
    search_fields = ["name", "short_name", "key"]
    prepopulated_fields = {"key": ["name"]}


@admin.register(Person)
class PersonAdmin(ExportMixin, SimpleHistoryAdmin):
    # Importing goes through the portal's own preview page (linked from the change list),
    # which knows the matching rules; the admin only exports, with formula escaping.
    resource_classes = [ParticipantResource]
    change_list_template = "admin/governance/person/change_list.html"
    list_display = ["name", "email", "user"]
    search_fields = ["name", "email"]
    list_filter = ["organisations__type"]
    autocomplete_fields = ["organisations", "user"]


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["organisations"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "body", "role", "organisation"]
    list_filter = ["role", "body__kind", "body"]
    search_fields = ["person__name", "body__name"]
    autocomplete_fields = ["person", "body", "organisation"]


@admin.register(UserSession)
class UserSessionAdmin(admin.ModelAdmin):
    """Open sessions per account; deleting one logs that browser out."""

    list_display = ["session_key", "user_id", "expire_date"]
    list_filter = ["expire_date"]
    search_fields = ["user_id"]
    fields = ["session_key", "user_id", "expire_date"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
