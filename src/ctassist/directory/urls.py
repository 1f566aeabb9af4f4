from django.urls import path

from ctassist.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.EntryListView.as_view(), name="entry_list"),
    path("new/", views.EntryCreateView.as_view(), name="entry_create"),
    path("coverage/", views.CoverageView.as_view(), name="coverage"),
    path("import/", views.EntryImportView.as_view(), name="import"),
    path("access/", views.AccessView.as_view(), name="access_list"),
    path("access/<int:pk>/revoke/", views.AccessRevokeView.as_view(), name="access_revoke"),
    path("log/", views.AccessLogView.as_view(), name="access_log"),
    path("<int:pk>/", views.EntryDetailView.as_view(), name="entry_detail"),
    path("<int:pk>/edit/", views.EntryEditView.as_view(), name="entry_edit"),
    path("<int:pk>/vcard/", views.EntryVCardView.as_view(), name="entry_vcard"),
    path(
        "<int:pk>/<slug:transition>/",
        views.EntryTransitionView.as_view(),
        name="entry_transition",
    ),
]
