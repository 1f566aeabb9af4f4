from django.utils.translation import gettext_lazy as _

from ctassist.core.events import EventType


class LibraryEvent(EventType):
    LEGISLATION_ADDED = "library.legislation_added", _("Legislation added to the library")
    LEGISLATION_PROPOSED = "library.legislation_proposed", _("Legislation proposed by a State")
    LEGISLATION_PUBLISHED = "library.legislation_published", _("Legislation published")
    LEGISLATION_WITHDRAWN = "library.legislation_deleted", _("Legislation removed")
    PROVISION_REMOVED = "library.provision_removed", _("Provision removed with the text it belonged to")
    CASE_ADDED = "library.case_added", _("Case added to the library")
    CASE_DELETED = "library.case_deleted", _("Case removed from the library")
    PUBLICATION_ADDED = "library.publication_added", _("Publication added to the library")
    PUBLICATION_DELETED = "library.publication_deleted", _("Publication removed from the library")
    REVIEW_STARTED = "library.review_started", _("Legislative review started")
    REVIEW_ITEM_ASSESSED = "library.review_item_assessed", _("Review item assessed")
    REVIEW_FINALISED = "library.review_finalised", _("Legislative review finalised")
    REVIEW_REOPENED = "library.review_reopened", _("Legislative review reopened")
