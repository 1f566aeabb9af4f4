from django.urls import path

from ctassist.core import views_pages

app_name = "core"

urlpatterns = [
    path("", views_pages.HomeView.as_view(), name="home"),
    path("healthz", views_pages.health, name="health"),
    path("notifications/", views_pages.NotificationListView.as_view(), name="notifications"),
]
