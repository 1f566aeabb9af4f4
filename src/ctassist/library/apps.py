from django.utils.translation import gettext_lazy as _

from ctassist.core import areas, roles, ui


def _sees_reviews(user) -> bool:
    return roles.is_unodc(user) or bool(roles.state_id_of(user))


class LibraryConfig(areas.AreaConfig):
    name = "ctassist.library"
    verbose_name = _("Library")
    nav = ui.NavItem("library", _("Library"), "library:search", order=50, children=(
        ui.NavItem("library-search", _("Search"), "library:search"),
        ui.NavItem("library-legislation", _("Legislation"), "library:legislation_list"),
        ui.NavItem("library-cases", _("Case law"), "library:case_list"),
        ui.NavItem("library-publications", _("Publications"), "library:publication_list"),
        ui.NavItem("library-reviews", _("Legislative reviews"), "library:review_list", visible=_sees_reviews),
    ))  # fmt: skip
    home_card = ("library", "home.library_card", 50)
    demos = (("library", 50, "demo.run_library_demo"),)

    def ready(self) -> None:
        super().ready()
        from ctassist.library.searchables import register_all

        register_all()
