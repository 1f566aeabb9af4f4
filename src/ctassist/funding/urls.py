from django.urls import path

from ctassist.funding import views

app_name = "funding"

urlpatterns = [
    path("donors/", views.DonorListView.as_view(), name="donor_list"),
    path("donors/new/", views.DonorCreateView.as_view(), name="donor_create"),
    path("donors/<int:pk>/edit/", views.DonorEditView.as_view(), name="donor_edit"),
    path("donors/<int:pk>/delete/", views.DonorDeleteView.as_view(), name="donor_delete"),
    path("contributions/", views.ContributionListView.as_view(), name="contribution_list"),
    path("contributions/new/", views.ContributionCreateView.as_view(), name="contribution_create"),
    path("contributions/<int:pk>/", views.ContributionDetailView.as_view(), name="contribution_detail"),
    path("contributions/<int:pk>/edit/", views.ContributionEditView.as_view(), name="contribution_edit"),
    path("contributions/<int:pk>/advance/", views.ContributionAdvanceView.as_view(), name="contribution_advance"),
    path("contributions/<int:pk>/receipts/", views.ContributionReceiptView.as_view(), name="contribution_receipt"),
    path("contributions/<int:pk>/cancel/", views.ContributionCancelView.as_view(), name="contribution_cancel"),
    path("contributions/<int:pk>/delete/", views.ContributionDeleteView.as_view(), name="contribution_delete"),
    path("projects/", views.ProjectListView.as_view(), name="project_list"),
    path("projects/new/", views.ProjectCreateView.as_view(), name="project_create"),
    path("projects/<int:pk>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("projects/<int:pk>/edit/", views.ProjectEditView.as_view(), name="project_edit"),
    path("projects/<int:pk>/charges/", views.ChargeAddView.as_view(), name="charge_add"),
    path("projects/<int:pk>/delete/", views.ProjectDeleteView.as_view(), name="project_delete"),
    path("charges/<int:pk>/edit/", views.ChargeEditView.as_view(), name="charge_edit"),
    path("charges/<int:pk>/delete/", views.ChargeDeleteView.as_view(), name="charge_delete"),
    path("iati/", views.IatiPageView.as_view(), name="iati"),
    path("iati/activities.xml", views.IatiExportView.as_view(), name="iati_xml"),
    path("iati/organisation.xml", views.IatiOrganisationView.as_view(), name="iati_organisation_xml"),
]
