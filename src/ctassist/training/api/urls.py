from rest_framework.routers import SimpleRouter

from ctassist.training.api import views

router = SimpleRouter()
router.register("courses", views.CourseViewSet, basename="course")
router.register("course-modules", views.CourseModuleViewSet, basename="coursemodule")
router.register("training-sessions", views.SessionViewSet, basename="trainingsession")
router.register("seat-allocations", views.SeatAllocationViewSet, basename="seatallocation")
router.register("trained-people", views.PersonViewSet, basename="trainedperson")
router.register("nominations", views.NominationViewSet, basename="nomination")
router.register("attendance", views.AttendanceViewSet, basename="attendance")
router.register("certificates", views.CertificateViewSet, basename="certificate")
router.register("trainers", views.TrainerViewSet, basename="trainer")
router.register("session-trainers", views.SessionTrainerViewSet, basename="sessiontrainer")
urlpatterns = router.urls
