from django.urls import path

from ctassist.mandates import views

app_name = "mandates"

urlpatterns = [
    path("", views.ResolutionListView.as_view(), name="resolution_list"),
    path("resolutions/", views.ResolutionListView.as_view(), name="resolutions"),
    path("resolutions/<path:symbol>/", views.ResolutionDetailView.as_view(), name="resolution_detail"),
    path("compare/", views.CompareView.as_view(), name="compare"),
    path("themes/", views.ThemeHistoryView.as_view(), name="theme_history"),
    path("explorer/", views.MandateExplorerView.as_view(), name="explorer"),
    path("ingest/", views.IngestView.as_view(), name="ingest"),
]
