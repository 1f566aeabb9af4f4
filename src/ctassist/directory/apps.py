from django.utils.translation import gettext_lazy as _

from ctassist.core import areas, roles, ui


class DirectoryConfig(areas.AreaConfig):
    name = "ctassist.directory"
    verbose_name = _("Directory of competent national authorities")
    nav = ui.NavItem("directory", _("Directory"), "directory:entry_list", order=40, children=(
        ui.NavItem("directory-entries", _("Authorities"), "directory:entry_list", visible=roles.is_official),
        ui.NavItem("directory-coverage", _("Coverage"), "directory:coverage", visible=roles.is_official),
        ui.NavItem("directory-import", _("Import"), "directory:import", visible=roles.is_unodc),
        ui.NavItem("directory-access", _("Access"), "directory:access_list", visible=roles.is_unodc),
        ui.NavItem("directory-log", _("Access log"), "directory:access_log", visible=roles.is_unodc),
    ), visible=roles.is_official)  # fmt: skip
    home_card = ("directory", "home.directory_card", 40)
    demos = (("directory", 40, "demo.run_directory_demo"),)
