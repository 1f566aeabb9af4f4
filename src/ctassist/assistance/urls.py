from django.urls import path

from ctassist.assistance import views

app_name = "assistance"

urlpatterns = [
    path("requests/", views.RequestListView.as_view(), name="request_list"),
    path("requests/new/", views.RequestCreateView.as_view(), name="request_create"),
    path("requests/<int:pk>/", views.RequestDetailView.as_view(), name="request_detail"),
    path("requests/<int:pk>/edit/", views.RequestEditView.as_view(), name="request_edit"),
    path("requests/<int:pk>/transition/", views.RequestTransitionView.as_view(), name="request_transition"),
    path("requests/<int:pk>/assign/", views.RequestAssignView.as_view(), name="request_assign"),
    path("requests/<int:pk>/delete/", views.RequestDeleteView.as_view(), name="request_delete"),
    path("requests/<int:pk>/attachments/", views.AttachmentAddView.as_view(), name="attachment_add"),
    path("requests/<int:pk>/evaluation/", views.EvaluationView.as_view(), name="evaluation"),
    path("attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment_download"),
    path("queue/", views.WorkQueueView.as_view(), name="work_queue"),
    path("activities/", views.ActivityListView.as_view(), name="activity_list"),
    path("activities/new/", views.ActivityCreateView.as_view(), name="activity_create"),
    path("activities/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("activities/<int:pk>/edit/", views.ActivityEditView.as_view(), name="activity_edit"),
    path("activities/<int:pk>/partners/", views.PartnerAddView.as_view(), name="partner_add"),
    path("activities/<int:pk>/partners/<int:link>/remove/", views.PartnerRemoveView.as_view(), name="partner_remove"),
    path("activities/<int:pk>/counts/", views.CountSetView.as_view(), name="count_set"),
    path("activities/<int:pk>/participants/", views.ParticipantAddView.as_view(), name="participant_add"),
    path("activities/<int:pk>/participants/import/", views.ParticipantImportView.as_view(), name="participant_import"),
    path("activities/<int:pk>/indicators/", views.IndicatorAddView.as_view(), name="indicator_add"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
]
