from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TreatiesConfig(AppConfig):
    name = "ctassist.treaties"
    verbose_name = _("Legal framework")

    def ready(self) -> None:
        from ctassist.core import demo_registry, ui
        from ctassist.treaties import policies  # noqa: F401
        from ctassist.treaties.demo import run as run_demo
        from ctassist.treaties.home import participation_card

        ui.register_nav(
            ui.NavItem(
                "framework",
                _("Legal framework"),
                "treaties:instrument_list",
                order=10,
                children=(
                    ui.NavItem("instruments", _("Instruments"), "treaties:instrument_list"),
                    ui.NavItem("states", _("States"), "treaties:state_list"),
                    ui.NavItem("matrix", _("Ratification matrix"), "treaties:matrix"),
                    ui.NavItem("gaps", _("Gaps"), "treaties:gaps"),
                ),
            )
        )
        demo_registry.register("participation", 10, run_demo)
        ui.register_home_card(ui.HomeCard("participation", "treaties/home_card.html", participation_card, order=10))
