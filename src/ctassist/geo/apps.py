from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "ctassist.geo"
    verbose_name = _("States")

    def ready(self) -> None:
        from ctassist.geo import policies  # noqa: F401
