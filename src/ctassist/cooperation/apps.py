from django.utils.translation import gettext_lazy as _

from ctassist.core import areas, roles, ui


def _sees_requests(user) -> bool:
    return roles.state_id_of(user) is not None or roles.is_unodc(user)


class CooperationConfig(areas.AreaConfig):
    name = "ctassist.cooperation"
    verbose_name = _("International cooperation")
    nav = ui.NavItem("cooperation", _("Cooperation"), "cooperation:basis", order=45, children=(
        ui.NavItem("cooperation-basis", _("Treaty basis"), "cooperation:basis", visible=roles.is_official),
        ui.NavItem("cooperation-requests", _("Requests and cases"), "cooperation:request_list", visible=_sees_requests),
        ui.NavItem("cooperation-statistics", _("Statistics"), "cooperation:statistics", visible=roles.is_unodc),
    ), visible=roles.is_official)  # fmt: skip
