from django.urls import path

from ctassist.core import views_jobs, views_pages

app_name = "core"

urlpatterns = [
    path("", views_pages.HomeView.as_view(), name="home"),
    path("healthz", views_pages.health, name="health"),
    path("notifications/", views_pages.NotificationListView.as_view(), name="notifications"),
    path("jobs/<int:pk>/", views_jobs.JobView.as_view(), name="job"),
    path("jobs/<int:pk>/status/", views_jobs.JobStatusView.as_view(), name="job_status"),
    path("jobs/<int:pk>/result/", views_jobs.JobResultView.as_view(), name="job_result"),
]
