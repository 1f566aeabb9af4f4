"""URL configuration. Each area has its pages under its own prefix and its endpoints under /api/."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from ctassist.accounts.views import set_language

urlpatterns = [
    path("", include("ctassist.core.urls")),
    path("audit/", include("ctassist.core.audit_urls")),
    path("accounts/", include("ctassist.accounts.urls")),
    # Before Django's own: the same switcher, which also keeps a signed-in user's choice on the account.
    path("i18n/setlang/", set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("framework/", include("ctassist.treaties.urls")),
    path("mandates/", include("ctassist.mandates.urls")),
    path("assistance/", include("ctassist.assistance.urls")),
    path("directory/", include("ctassist.directory.urls")),
    path("cooperation/", include("ctassist.cooperation.urls")),
    path("library/", include("ctassist.library.urls")),
    path("funding/", include("ctassist.funding.urls")),
    path("training/", include("ctassist.training.urls")),
    path("needs/", include("ctassist.needs.urls")),
    path("reports/", include("ctassist.reporting.urls")),
    path("api/", include("ctassist.geo.api.urls")),
    path("api/", include("ctassist.treaties.api.urls")),
    path("api/", include("ctassist.mandates.api.urls")),
    path("api/", include("ctassist.assistance.api.urls")),
    path("api/", include("ctassist.directory.api.urls")),
    path("api/", include("ctassist.cooperation.api.urls")),
    path("api/", include("ctassist.library.api.urls")),
    path("api/", include("ctassist.funding.api.urls")),
    path("api/", include("ctassist.training.api.urls")),
    path("api/", include("ctassist.needs.api.urls")),
    path("api/", include("ctassist.accounts.api.urls")),
    path("api/", include("ctassist.reporting.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]
