from rest_framework.routers import SimpleRouter

from ctassist.funding.api.views import ActivityChargeViewSet, ContributionViewSet, DonorViewSet, ProjectViewSet

router = SimpleRouter()
router.register("donors", DonorViewSet, basename="donor")
router.register("contributions", ContributionViewSet, basename="contribution")
router.register("projects", ProjectViewSet, basename="project")
router.register("activity-charges", ActivityChargeViewSet, basename="activitycharge")
urlpatterns = router.urls
