from django.contrib import admin
from django.shortcuts import redirect

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Listed in the admin so administrators find it; read at /beheer/auditlog/, with its filters.
    Nobody adds, changes or deletes an entry here, superusers included: the log is append-only."""

    list_display = ["at", "kind", "actor_name", "target", "ip_address"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            return super().changelist_view(request, extra_context)
        return redirect("audit:log")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
