from django.urls import path

from ctassist.funding import views

app_name = "funding"

urlpatterns = [
    path("donors/", views.DonorListView.as_view(), name="donor_list"),
    path("contributions/", views.ContributionListView.as_view(), name="contribution_list"),
    path("contributions/new/", views.ContributionCreateView.as_view(), name="contribution_create"),
    path("contributions/<int:pk>/", views.ContributionDetailView.as_view(), name="contribution_detail"),
    path("contributions/<int:pk>/edit/", views.ContributionEditView.as_view(), name="contribution_edit"),
    path("contributions/<int:pk>/advance/", views.ContributionAdvanceView.as_view(), name="contribution_advance"),
    path("projects/", views.ProjectListView.as_view(), name="project_list"),
    path("projects/new/", views.ProjectCreateView.as_view(), name="project_create"),
    path("projects/<int:pk>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("projects/<int:pk>/edit/", views.ProjectEditView.as_view(), name="project_edit"),
    path("projects/<int:pk>/charges/", views.ChargeAddView.as_view(), name="charge_add"),
    path("iati/", views.IatiPageView.as_view(), name="iati"),
    path("iati/activities.xml", views.IatiExportView.as_view(), name="iati_xml"),
]
