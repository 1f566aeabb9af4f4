from rest_framework.routers import SimpleRouter

from ctassist.assistance.api.views import (
    ActivityViewSet,
    EvaluationViewSet,
    IndicatorViewSet,
    ParticipantCountViewSet,
    RequestViewSet,
)

router = SimpleRouter()
router.register("requests", RequestViewSet, basename="request")
router.register("activities", ActivityViewSet, basename="activity")
router.register("participant-counts", ParticipantCountViewSet, basename="participantcount")
router.register("results", IndicatorViewSet, basename="indicator")
router.register("evaluations", EvaluationViewSet, basename="evaluation")
urlpatterns = router.urls
