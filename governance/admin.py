from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .imports.exports import ParticipantResource
from .imports.models import ParticipantImport
from .models import Body, Erasure, Meeting, MeetingDocument, Membership, Organisation, Person, User, UserSession
from .notifications.models import Notification, NotificationPreference

# Rights follow memberships, organisations and accounts. The admin's forms write those rows
# themselves (inside the transaction ModelAdmin opens for every change and delete), so each
# admin below re-derives the grants of whoever the change touched, through governance.services.


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

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        services.save_organisation(organisation=obj)

    def delete_model(self, request, obj):
        services.delete_organisations(organisations=[obj])

    def delete_queryset(self, request, queryset):
        services.delete_organisations(organisations=queryset)


@admin.register(Person)
class PersonAdmin(ExportMixin, SimpleHistoryAdmin):
    # Importing goes through the portal's own preview page (linked from the change list),
    # which knows the matching rules; the admin only exports, with formula escaping.
    resource_classes = [ParticipantResource]
    change_list_template = "admin/governance/person/change_list.html"
    list_display = ["name", "email", "user", "is_demo"]
    search_fields = ["name", "email"]
    list_filter = ["organisations__type", "is_demo"]
    autocomplete_fields = ["organisations", "user"]

    def save_model(self, request, obj, form, change):
        obj._previous_user_id = Person.objects.filter(pk=obj.pk).values_list("user_id", flat=True).first()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # the organisations
        person = form.instance
        services.resync_people(people=[person], user_ids=[getattr(person, "_previous_user_id", None)])

    def delete_model(self, request, obj):
        services.delete_person(person=obj)

    def delete_queryset(self, request, queryset):
        for person in queryset:
            services.delete_person(person=person)


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["organisations"]
    inlines = [MembershipInline]

    def save_related(self, request, form, formsets, change):
        # The members before and after: added, removed and (with a new kind) all of them.
        body = form.instance
        before = set(body.memberships.values_list("person_id", flat=True))
        super().save_related(request, form, formsets, change)
        services.resync_people(people=before | set(body.memberships.values_list("person_id", flat=True)))

    def delete_model(self, request, obj):
        members = list(obj.memberships.values_list("person_id", flat=True))
        super().delete_model(request, obj)
        services.resync_people(people=members)

    def delete_queryset(self, request, queryset):
        members = list(Membership.objects.filter(body__in=queryset).values_list("person_id", flat=True))
        super().delete_queryset(request, queryset)
        services.resync_people(people=members)


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "body", "role", "organisation"]
    list_filter = ["role", "body__kind", "body"]
    search_fields = ["person__name", "body__name"]
    autocomplete_fields = ["person", "body", "organisation"]

    def save_model(self, request, obj, form, change):
        # The form may move the membership to another person: both lose or gain rights.
        previous = Membership.objects.filter(pk=obj.pk).values_list("person_id", flat=True).first()
        super().save_model(request, obj, form, change)
        services.resync_people(people={obj.person_id, previous} - {None})

    def delete_model(self, request, obj):
        services.remove_membership(membership=obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            services.remove_membership(membership=membership)


@admin.register(Erasure)
class ErasureAdmin(admin.ModelAdmin):
    """Who was anonymised when and by whom (AVG): the record of erasures, read-only. Anonymising
    is done from the person's page (netwerkagenda/privacy)."""

    list_display = ["__str__", "erased_at", "erased_by"]
    fields = ["person", "erased_at", "erased_by"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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


class MeetingDocumentInline(admin.TabularInline):
    model = MeetingDocument
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    """A body's meetings: date, agenda, who attended, minutes (Markdown) and documents."""

    list_display = ["__str__", "body", "date", "is_public"]
    list_filter = ["body", "is_public"]
    search_fields = ["title", "agenda", "minutes"]
    filter_horizontal = ["attendees"]
    inlines = [MeetingDocumentInline]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: notifications are made by the events they tell of (governance.notifications)."""

    list_display = ["subject", "user", "kind", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["subject", "user__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "delivery"]
    list_filter = ["kind", "delivery"]


@admin.register(ParticipantImport)
class ParticipantImportAdmin(admin.ModelAdmin):
    """Uploaded lists and their stored plans, to look up; confirming goes through the import page."""

    list_display = ["filename", "created_by", "created_at"]
    readonly_fields = ["filename", "created_by", "created_at", "edition_id", "invite", "include_anonymised"]
    exclude = ["token", "sheet", "plan", "state"]

    def has_add_permission(self, request):
        return False
