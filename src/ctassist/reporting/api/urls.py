from rest_framework.routers import SimpleRouter

from ctassist.reporting.api.views import (
    CountryProfileViewSet,
    NarrativeVersionViewSet,
    NarrativeViewSet,
    PrimarySectionViewSet,
    ReportViewSet,
)

router = SimpleRouter()
router.register("reports", ReportViewSet, basename="report")
router.register("report-narratives", NarrativeViewSet, basename="report-narrative")
router.register("report-narrative-versions", NarrativeVersionViewSet, basename="report-narrative-version")
router.register("report-primary-sections", PrimarySectionViewSet, basename="report-primary-section")
router.register("country-profiles", CountryProfileViewSet, basename="country-profile")
urlpatterns = router.urls
