from django.urls import path
from rest_framework.routers import SimpleRouter

from ctassist.library.api.views import (
    CaseLawViewSet,
    LegislationViewSet,
    ProvisionViewSet,
    PublicationViewSet,
    SearchView,
)

router = SimpleRouter()
router.register("library/legislation", LegislationViewSet, basename="library-legislation")
router.register("library/provisions", ProvisionViewSet, basename="library-provision")
router.register("library/cases", CaseLawViewSet, basename="library-case")
router.register("library/publications", PublicationViewSet, basename="library-publication")
urlpatterns = [path("library/search/", SearchView.as_view(), name="library-search"), *router.urls]
