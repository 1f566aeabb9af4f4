from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks.signals import task_started


class CoreConfig(AppConfig):
    name = "ctassist.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from ctassist.core import (
            exports,
            jobs,
            policies,  # noqa: F401 - registers the policies
            roles,
            text,
            ui,
        )

        text.install()  # C0 control characters are not kept from any form or API text field
        exports.guard_docx()  # nor written into any Word document, whatever is stored
        # A worker that starts a task first queues again the work a killed worker left "running".
        task_started.connect(jobs.on_task_started, dispatch_uid="ctassist-recover-stale")

        ui.register_nav(
            ui.NavItem(
                "audit",
                _("Audit"),
                "audit:changelog",
                order=900,
                visible=roles.is_unodc,
                children=(
                    ui.NavItem("changes", _("Change log"), "audit:changelog", visible=roles.is_unodc),
                    ui.NavItem("events", _("Domain events"), "audit:events", visible=roles.is_unodc),
                ),
            )
        )
