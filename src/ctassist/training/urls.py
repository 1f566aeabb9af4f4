from django.urls import path

from ctassist.training import views

app_name = "training"

urlpatterns = [
    path("courses/", views.CourseListView.as_view(), name="course_list"),
    path("courses/new/", views.CourseCreateView.as_view(), name="course_create"),
    path("courses/<int:pk>/", views.CourseDetailView.as_view(), name="course_detail"),
    path("courses/<int:pk>/edit/", views.CourseEditView.as_view(), name="course_edit"),
    path("courses/<int:pk>/modules/", views.ModuleAddView.as_view(), name="module_add"),
    path("sessions/", views.SessionListView.as_view(), name="session_list"),
    path("sessions/new/", views.SessionCreateView.as_view(), name="session_create"),
    path("sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session_detail"),
    path("sessions/<int:pk>/seats/", views.SeatsView.as_view(), name="seats"),
    path("sessions/<int:pk>/nominate/", views.NominateView.as_view(), name="nominate"),
    path("sessions/<int:pk>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path("sessions/<int:pk>/results/import/", views.ResultsImportView.as_view(), name="results_import"),
    path("sessions/<int:pk>/results/xapi/", views.XapiImportView.as_view(), name="xapi_import"),
    path("sessions/<int:pk>/certificates/", views.IssueCertificatesView.as_view(), name="issue_certificates"),
    path("nominations/<int:pk>/decide/", views.DecideView.as_view(), name="decide"),
    path("nominations/<int:pk>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    path("nominations/<int:pk>/results/", views.ResultsView.as_view(), name="results"),
    path("certificates/<int:pk>/", views.CertificateDetailView.as_view(), name="certificate_detail"),
    path("certificates/<int:pk>/pdf/", views.CertificatePdfView.as_view(), name="certificate_pdf"),
    path("certificates/<int:pk>/revoke/", views.RevokeView.as_view(), name="revoke"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("people/duplicates/", views.DuplicatesView.as_view(), name="duplicates"),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("people/<int:pk>/export/", views.PersonExportView.as_view(), name="person_export"),
    path("people/<int:pk>/erase/", views.EraseView.as_view(), name="erase"),
    path("trainers/", views.TrainerListView.as_view(), name="trainer_list"),
    path("trainers/new/", views.TrainerCreateView.as_view(), name="trainer_create"),
    path("trainers/<int:pk>/", views.TrainerDetailView.as_view(), name="trainer_detail"),
    path("trainers/<int:pk>/edit/", views.TrainerEditView.as_view(), name="trainer_edit"),
    path("sessions/<int:pk>/trainers/", views.TrainerAssignView.as_view(), name="trainer_assign"),
]
