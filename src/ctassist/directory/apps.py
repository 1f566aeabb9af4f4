from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "ctassist.directory"
    verbose_name = _("Directory of competent national authorities")

    def ready(self) -> None:
        from ctassist.core import demo_registry, roles, ui
        from ctassist.directory import policies  # noqa: F401
        from ctassist.directory.demo import run_directory_demo
        from ctassist.directory.home import directory_card

        ui.register_nav(
            ui.NavItem(
                "directory",
                _("Directory"),
                "directory:entry_list",
                order=40,
                visible=roles.is_official,
                children=(
                    ui.NavItem(
                        "directory-entries", _("Authorities"), "directory:entry_list", visible=roles.is_official
                    ),
                    ui.NavItem("directory-coverage", _("Coverage"), "directory:coverage", visible=roles.is_official),
                    ui.NavItem("directory-import", _("Import"), "directory:import", visible=roles.is_unodc),
                    ui.NavItem("directory-access", _("Access"), "directory:access_list", visible=roles.is_unodc),
                    ui.NavItem("directory-log", _("Access log"), "directory:access_log", visible=roles.is_unodc),
                ),
            )
        )
        ui.register_home_card(ui.HomeCard("directory", "directory/home_card.html", directory_card, order=40))
        demo_registry.register("directory", 40, run_directory_demo)
