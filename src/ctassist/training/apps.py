from django.utils.translation import gettext_lazy as _

from ctassist.core import areas, roles, ui


class TrainingConfig(areas.AreaConfig):
    name = "ctassist.training"
    verbose_name = _("Training")
    registers = ("policies", "services")  # services registers the count source
    nav = ui.NavItem("training", _("Training"), "training:course_list", order=35, children=(
        ui.NavItem("courses", _("Courses"), "training:course_list"),
        ui.NavItem("sessions", _("Training sessions"), "training:session_list", visible=roles.is_official),
        ui.NavItem("trainers", _("Trainers and experts"), "training:trainer_list", visible=roles.is_official),
        ui.NavItem("people", _("Trained people"), "training:person_list", visible=ui.may_view("training.Person")),
        ui.NavItem("duplicates", _("Possible duplicates"), "training:duplicates", visible=roles.is_unodc),
    ))  # fmt: skip
    # Before the assistance generator replaces its activities (29 < 30), then after it (35).
    demos = (("training-certificates", 29, "demo.run_remove"), ("training", 35, "demo.run"))
