from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "ctassist.training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from ctassist.core import roles, ui
        from ctassist.core.policy import may
        from ctassist.training import policies, services  # noqa: F401  (services registers the count source)

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
