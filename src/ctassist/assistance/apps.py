from django.utils.translation import gettext_lazy as _

from ctassist.core import areas, roles, ui

_sees_requests = ui.may_view("assistance.AssistanceRequest")


def _starts_at(user) -> str | None:
    return "assistance:work_queue" if roles.is_unodc(user) else None  # officers start their day from the queue


class AssistanceConfig(areas.AreaConfig):
    name = "ctassist.assistance"
    verbose_name = _("Technical assistance")
    nav = ui.NavItem("assistance", _("Assistance"), "assistance:activity_list", order=30, children=(
        ui.NavItem("requests", _("Requests"), "assistance:request_list", visible=_sees_requests),
        ui.NavItem("queue", _("Work queue"), "assistance:work_queue", visible=roles.is_unodc),
        ui.NavItem("activities", _("Activities"), "assistance:activity_list"),
        ui.NavItem("calendar", _("Calendar"), "assistance:calendar"),
    ), visible=ui.may_view("assistance.AssistanceRequest", "assistance.Activity"), url_name_for=_starts_at)  # fmt: skip
    home_card = ("assistance", "home.assistance_card", 30)
    demos = (("assistance", 30, "demo.run"),)
