from django.utils.translation import gettext_lazy as _
from django_tasks.signals import task_started

from ctassist.core import areas, roles, ui


class CoreConfig(areas.AreaConfig):
    name = "ctassist.core"
    verbose_name = _("Core")
    nav = ui.NavItem("audit", _("Audit"), "audit:changelog", order=900, visible=roles.is_unodc, children=(
        ui.NavItem("changes", _("Change log"), "audit:changelog", visible=roles.is_unodc),
        ui.NavItem("events", _("Domain events"), "audit:events", visible=roles.is_unodc),
    ))  # fmt: skip

    def ready(self) -> None:
        super().ready()  # registers the policies
        from ctassist.core import exports, jobs, tables, text

        text.install()  # C0 control characters are not kept from any form or API text field
        exports.guard_docx()  # nor written into any Word document, whatever is stored
        tables.install_signature_cache()  # tables read each render method's arguments once, not once per cell
        # A worker that starts a task first queues again the work a killed worker left "running".
        task_started.connect(jobs.on_task_started, dispatch_uid="ctassist-recover-stale")
