from django.urls import path

from ctassist.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboards"),
    path("sg/", views.ReportListView.as_view(), name="report_list"),
    path("sg/new/", views.ReportCreateView.as_view(), name="report_create"),
    path("sg/<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("sg/<int:pk>/progress/", views.ReportProgressView.as_view(), name="report_progress"),
    path("sg/<int:pk>/docx/", views.ReportDocxView.as_view(), name="report_docx"),
    path("sg/<int:pk>/rebuild/", views.ReportRebuildView.as_view(), name="report_rebuild"),
    path("sg/<int:pk>/delete/", views.ReportDeleteView.as_view(), name="report_delete"),
    path("sg/<int:pk>/figures/<str:key>/", views.FigureRecordsView.as_view(), name="figure_records"),
    path("sg/<int:pk>/narrative/", views.NarrativeStartView.as_view(), name="narrative_start"),
    path("sg/narratives/<int:pk>/", views.NarrativeDetailView.as_view(), name="narrative_detail"),
    path("sg/narratives/<int:pk>/edit/", views.NarrativeEditView.as_view(), name="narrative_edit"),
    path("sg/narratives/<int:pk>/submit/", views.NarrativeSubmitView.as_view(), name="narrative_submit"),
    path("sg/narratives/<int:pk>/clear/", views.NarrativeClearView.as_view(), name="narrative_clear"),
    path("sg/narratives/<int:pk>/return/", views.NarrativeReturnView.as_view(), name="narrative_return"),
    path("sg/narratives/<int:pk>/compare/", views.NarrativeCompareView.as_view(), name="narrative_compare"),
    path("sg/primary-sections/", views.PrimarySectionListView.as_view(), name="primary_section_list"),
    path("sg/primary-sections/new/", views.PrimarySectionCreateView.as_view(), name="primary_section_create"),
    path("sg/primary-sections/<int:pk>/", views.PrimarySectionEditView.as_view(), name="primary_section_edit"),
    path(
        "sg/primary-sections/<int:pk>/delete/", views.PrimarySectionDeleteView.as_view(), name="primary_section_delete"
    ),
    path("countries/", views.ProfileListView.as_view(), name="profile_list"),
    path("countries/<str:iso3>/", views.ProfileView.as_view(), name="profile"),
    path("countries/<str:iso3>/docx/", views.ProfileView.as_view(), {"fmt": "docx"}, name="profile_docx"),
    path("countries/<str:iso3>/pdf/", views.ProfileView.as_view(), {"fmt": "pdf"}, name="profile_pdf"),
]
