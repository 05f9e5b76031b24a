from django.contrib import admin

from cartpath.cases.models import Case


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Back-office view for reassignment and housekeeping: no clinical content here."""

    list_display = ("public_id", "status", "team", "navigator", "opened_at", "updated_at")
    list_filter = ("status", "team")
    fields = ("public_id", "status", "team", "navigator", "opened_at", "closed_at")
    readonly_fields = ("public_id", "status", "opened_at", "closed_at")
    search_fields = ("public_id",)

    def has_add_permission(self, request):  # noqa: ANN001, ANN201
        return False

    def has_delete_permission(self, request, obj=None):  # noqa: ANN001, ANN201
        return False
