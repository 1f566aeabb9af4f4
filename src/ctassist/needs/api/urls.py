from rest_framework.routers import SimpleRouter

from ctassist.needs.api.views import (
    AssessmentAnswerViewSet,
    FollowUpViewSet,
    NeedViewSet,
    SelfAssessmentViewSet,
    SharingDecisionViewSet,
)

router = SimpleRouter()
router.register("needs", NeedViewSet, basename="need")
router.register("need-follow-ups", FollowUpViewSet, basename="needfollowup")
router.register("need-sharing-decisions", SharingDecisionViewSet, basename="needsharingdecision")
router.register("self-assessments", SelfAssessmentViewSet, basename="selfassessment")
router.register("self-assessment-answers", AssessmentAnswerViewSet, basename="assessmentanswer")
urlpatterns = router.urls
