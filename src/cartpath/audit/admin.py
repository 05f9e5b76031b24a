from django.contrib import admin

from cartpath.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_email", "actor_role", "action", "object_type", "case_ref",
                    "summary", "ip_address")
    list_filter = ("action", "actor_role", "object_type")
    search_fields = ("actor_email", "case_ref", "summary", "object_id")
    date_hierarchy = "at"

    # The trail is append-only, in the admin as everywhere else.
    def has_add_permission(self, request):  # noqa: ANN001, ANN201
        return False

    def has_change_permission(self, request, obj=None):  # noqa: ANN001, ANN201
        return False

    def has_delete_permission(self, request, obj=None):  # noqa: ANN001, ANN201
        return False
