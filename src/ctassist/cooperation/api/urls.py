from django.urls import path
from rest_framework.routers import SimpleRouter

from ctassist.cooperation.api.views import CaseStepViewSet, CooperationRequestViewSet, StatisticsView, TreatyBasisView

router = SimpleRouter()
router.register("cooperation/requests", CooperationRequestViewSet, basename="cooperation-request")
router.register("cooperation/steps", CaseStepViewSet, basename="cooperation-step")
urlpatterns = [
    path("cooperation/basis/", TreatyBasisView.as_view(), name="cooperation-basis"),
    path("cooperation/statistics/", StatisticsView.as_view(), name="cooperation-statistics"),
    *router.urls,
]
