from rest_framework.routers import SimpleRouter

from ctassist.treaties.api.views import InstrumentViewSet, ParticipationViewSet

router = SimpleRouter()
router.register("instruments", InstrumentViewSet, basename="instrument")
router.register("participation", ParticipationViewSet, basename="participation")
urlpatterns = router.urls
