from django.utils.translation import gettext_lazy as _

from ctassist.core import areas


class GeoConfig(areas.AreaConfig):
    name = "ctassist.geo"
    verbose_name = _("States")
