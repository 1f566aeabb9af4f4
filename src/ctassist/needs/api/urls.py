from rest_framework.routers import SimpleRouter

from ctassist.needs.api.views import FollowUpViewSet, NeedViewSet, SharingDecisionViewSet

router = SimpleRouter()
router.register("needs", NeedViewSet, basename="need")
router.register("need-follow-ups", FollowUpViewSet, basename="needfollowup")
router.register("need-sharing-decisions", SharingDecisionViewSet, basename="needsharingdecision")
urlpatterns = router.urls
