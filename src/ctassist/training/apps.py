from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "ctassist.training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from ctassist.core import demo_registry, roles, ui
        from ctassist.core.policy import may
        from ctassist.training import policies, services  # noqa: F401  (services registers the count source)
        from ctassist.training.demo import run as run_demo
        from ctassist.training.demo import run_remove as run_demo_remove

        def sees_people(user):
            from ctassist.training.models import Person

            return may(user, "view", Person)

        ui.register_nav(
            ui.NavItem(
                "training",
                _("Training"),
                "training:course_list",
                order=35,
                children=(
                    ui.NavItem("courses", _("Courses"), "training:course_list"),
                    ui.NavItem("sessions", _("Training sessions"), "training:session_list", visible=roles.is_official),
                    ui.NavItem("trainers", _("Trainers and experts"), "training:trainer_list",
                               visible=roles.is_official),
                    ui.NavItem("people", _("Trained people"), "training:person_list", visible=sees_people),
                    ui.NavItem("duplicates", _("Possible duplicates"), "training:duplicates", visible=roles.is_unodc),
                ),
            )
        )
        # Before the assistance generator replaces its activities (29 < 30), then after it (35).
        demo_registry.register("training-certificates", 29, run_demo_remove)
        demo_registry.register("training", 35, run_demo)
