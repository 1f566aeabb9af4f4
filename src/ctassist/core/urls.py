from django.urls import path

from ctassist.core import views_pages

app_name = "core"

urlpatterns = [
    path("", views_pages.HomeView.as_view(), name="home"),
    path("audit/changes/", views_pages.ChangeLogView.as_view(), name="changelog"),
    path("audit/events/", views_pages.EventLogView.as_view(), name="events"),
    path("healthz", views_pages.health, name="health"),
]
