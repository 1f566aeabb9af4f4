from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionalGroup(models.TextChoices):
    AFRICAN = "african", _("African Group")
    ASIA_PACIFIC = "asia-pacific", _("Asia-Pacific Group")
    EASTERN_EUROPEAN = "eastern-european", _("Eastern European Group")
    LATIN_AMERICAN_CARIBBEAN = "grulac", _("Latin American and Caribbean Group")
    WESTERN_EUROPEAN_OTHERS = "weog", _("Western European and Others Group")
    NONE = "none", _("No regional group")


class Membership(models.TextChoices):
    MEMBER = "member", _("Member State")
    OBSERVER = "observer", _("Non-member observer State")
