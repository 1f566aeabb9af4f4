from django.urls import path

from ctassist.library import views

app_name = "library"

urlpatterns = [
    path("", views.search_view, name="search"),
    path("search/<slug:doc_type>/", views.search_view, name="search_type"),
    path("legislation/", views.LegislationListView.as_view(), name="legislation_list"),
    path("legislation/upload/", views.LegislationUploadView.as_view(), name="legislation_upload"),
    path("legislation/<int:pk>/", views.LegislationDetailView.as_view(), name="legislation_detail"),
    path("legislation/<int:pk>/publish/", views.LegislationPublishView.as_view(), name="legislation_publish"),
    path("provisions/<int:pk>/", views.ProvisionDetailView.as_view(), name="provision_detail"),
    path("cases/", views.CaseListView.as_view(), name="case_list"),
    path("cases/add/", views.CaseAddView.as_view(), name="case_add"),
    path("cases/<int:pk>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("publications/", views.PublicationListView.as_view(), name="publication_list"),
    path("publications/upload/", views.PublicationUploadView.as_view(), name="publication_upload"),
    path("publications/<int:pk>/", views.PublicationDetailView.as_view(), name="publication_detail"),
    path("publications/<int:pk>/file/", views.PublicationFileView.as_view(), name="publication_file"),
    path("reviews/", views.ReviewListView.as_view(), name="review_list"),
    path("reviews/start/", views.ReviewStartView.as_view(), name="review_start"),
    path("reviews/compare/", views.ReviewCompareView.as_view(), name="review_compare"),
    path("reviews/<int:pk>/", views.ReviewDetailView.as_view(), name="review_detail"),
    path("reviews/<int:pk>/transition/", views.ReviewTransitionView.as_view(), name="review_transition"),
    path("reviews/items/<int:pk>/", views.ReviewItemUpdateView.as_view(), name="review_item_update"),
]
