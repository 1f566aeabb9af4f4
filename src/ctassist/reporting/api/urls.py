from rest_framework.routers import SimpleRouter

from ctassist.reporting.api.views import CountryProfileViewSet, ReportViewSet

router = SimpleRouter()
router.register("reports", ReportViewSet, basename="report")
router.register("country-profiles", CountryProfileViewSet, basename="country-profile")
urlpatterns = router.urls
