from django.utils.translation import gettext_lazy as _

from ctassist.core import areas, ui


class TreatiesConfig(areas.AreaConfig):
    name = "ctassist.treaties"
    verbose_name = _("Legal framework")
    nav = ui.NavItem("framework", _("Legal framework"), "treaties:instrument_list", order=10, children=(
        ui.NavItem("instruments", _("Instruments"), "treaties:instrument_list"),
        ui.NavItem("states", _("States"), "treaties:state_list"),
        ui.NavItem("matrix", _("Ratification matrix"), "treaties:matrix"),
        ui.NavItem("gaps", _("Gaps"), "treaties:gaps"),
    ))  # fmt: skip
    home_card = ("participation", "home.participation_card", 10)
    demos = (("participation", 10, "demo.run"),)
