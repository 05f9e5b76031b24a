from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from cartpath.api.api import api
from cartpath.web import views

# The admin signs in through the same door as everyone (lockout, two-factor).
admin.site.login = login_required(admin.site.login)
admin.site.site_header = "cartpath back office"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("cartpath.accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("audit/", include("cartpath.audit.urls")),
    path("cases/", include("cartpath.cases.urls")),
    path("cases/", include("cartpath.vault.urls")),
    path("cases/", include("cartpath.screening.urls")),
    path("trials/", include("cartpath.trials.urls")),
    path("learn/", include("cartpath.learn.urls")),
    path("portal/", include("cartpath.portal.urls")),
    path("coordination/", include("cartpath.coordination.urls")),
    path("journey/", include("cartpath.journey.urls")),
]

handler404 = "cartpath.web.views.not_found"
handler500 = "cartpath.web.views.server_error"
