from rest_framework.routers import SimpleRouter

from ctassist.mandates.api.views import LineageViewSet, ParagraphViewSet, ResolutionViewSet

router = SimpleRouter()
router.register("resolutions", ResolutionViewSet, basename="resolution")
router.register("paragraphs", ParagraphViewSet, basename="paragraph")
router.register("lineage", LineageViewSet, basename="lineage")
urlpatterns = router.urls
