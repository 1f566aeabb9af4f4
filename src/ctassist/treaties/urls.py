from django.urls import path

from ctassist.treaties import views

app_name = "treaties"

urlpatterns = [
    path("instruments/", views.InstrumentListView.as_view(), name="instrument_list"),
    path("instruments/<slug:code>/", views.InstrumentDetailView.as_view(), name="instrument_detail"),
    path("instruments/<slug:code>/import/", views.ParticipationImportView.as_view(), name="participation_import"),
    path("states/", views.StateListView.as_view(), name="state_list"),
    path("states/<str:iso3>/", views.StateProfileView.as_view(), name="state_profile"),
    path("states/<str:iso3>/record/", views.RecordActionView.as_view(), name="record_action"),
    path("participation/", views.ParticipationListView.as_view(), name="participation_list"),
    path("matrix/", views.MatrixView.as_view(), name="matrix"),
    path("gaps/", views.GapsView.as_view(), name="gaps"),
]
