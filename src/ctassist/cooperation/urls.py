from django.urls import path

from ctassist.cooperation import views

app_name = "cooperation"

urlpatterns = [
    path("", views.BasisView.as_view(), name="basis"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("requests/", views.RequestListView.as_view(), name="request_list"),
    path("requests/new/", views.RequestCreateView.as_view(), name="request_create"),
    path("requests/<int:pk>/", views.RequestDetailView.as_view(), name="request_detail"),
    path("requests/<int:pk>/step/<slug:step>/", views.StepEditView.as_view(), name="request_step"),
    path("requests/<int:pk>/finalise/", views.FinaliseView.as_view(), name="request_finalise"),
    path("requests/<int:pk>/move/", views.MoveView.as_view(), name="request_move"),
    path("requests/<int:pk>/share/", views.ShareView.as_view(), name="request_share"),
    path("requests/<int:pk>/delete/", views.DeleteView.as_view(), name="request_delete"),
    path("requests/<int:pk>/document/", views.DocumentView.as_view(), name="request_document"),
    path("steps/<int:pk>/", views.CaseStepDetailView.as_view(), name="step_detail"),
]
