from django.urls import path
from rest_framework.routers import SimpleRouter

from ctassist.directory.api.views import CoverageView, DirectoryEntryViewSet

router = SimpleRouter()
router.register("directory/entries", DirectoryEntryViewSet, basename="directory-entry")
urlpatterns = [
    path("directory/coverage/", CoverageView.as_view(), name="directory-coverage"),
    *router.urls,
]
