from django.contrib import admin

from cartpath.portal.models import DocumentRequest


@admin.register(DocumentRequest)
class DocumentRequestAdmin(admin.ModelAdmin):
    list_display = ("title", "fact", "created_at", "fulfilled_at")
    list_filter = ("fulfilled_at",)
    raw_id_fields = ("case", "created_by")
