"""The audit pages, in a namespace of their own so the navigation marks them apart from the home page."""

from django.urls import path

from ctassist.core import views_pages

app_name = "audit"

urlpatterns = [
    path("changes/", views_pages.ChangeLogView.as_view(), name="changelog"),
    path("events/", views_pages.EventLogView.as_view(), name="events"),
]
