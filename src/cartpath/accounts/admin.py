from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from cartpath.accounts.models import CaregiverInvitation, Organisation, Team, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "full_name", "role", "team", "organisation", "is_active")
    list_filter = ("role", "team", "organisation", "is_active")
    search_fields = ("email", "full_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("full_name", "role", "team", "organisation",
                                "preferred_language")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": (
        "email", "full_name", "role", "team", "organisation", "password1", "password2")}),)


admin.site.register(Team)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "city", "country")
    search_fields = ("name", "city")


@admin.register(CaregiverInvitation)
class CaregiverInvitationAdmin(admin.ModelAdmin):
    list_display = ("patient", "email", "accepted_at", "revoked_at")
    readonly_fields = ("token",)
