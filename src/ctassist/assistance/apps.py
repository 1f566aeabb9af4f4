from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "ctassist.assistance"
    verbose_name = _("Technical assistance")

    def ready(self) -> None:
        from ctassist.assistance import policies  # noqa: F401
        from ctassist.assistance.demo import run as run_demo
        from ctassist.assistance.home import assistance_card
        from ctassist.core import demo_registry, roles, ui
        from ctassist.core.policy import may

        def can_see(user):
            from ctassist.assistance.models import Activity, AssistanceRequest

            return may(user, "view", AssistanceRequest) or may(user, "view", Activity)

        def sees_requests(user):
            from ctassist.assistance.models import AssistanceRequest

            return may(user, "view", AssistanceRequest)

        ui.register_nav(
            ui.NavItem(
                "assistance",
                _("Assistance"),
                "assistance:activity_list",
                order=30,
                visible=can_see,
                # Officers start their day from the work queue.
                url_name_for=lambda user: "assistance:work_queue" if roles.is_unodc(user) else None,
                children=(
                    ui.NavItem("requests", _("Requests"), "assistance:request_list", visible=sees_requests),
                    ui.NavItem("queue", _("Work queue"), "assistance:work_queue", visible=roles.is_unodc),
                    ui.NavItem("activities", _("Activities"), "assistance:activity_list"),
                    ui.NavItem("calendar", _("Calendar"), "assistance:calendar"),
                ),
            )
        )
        ui.register_home_card(ui.HomeCard("assistance", "assistance/home_card.html", assistance_card, order=30))
        demo_registry.register("assistance", 30, run_demo)
