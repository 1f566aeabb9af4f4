from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "ctassist.library"
    verbose_name = _("Library")

    def ready(self) -> None:
        from ctassist.core import demo_registry, ui
        from ctassist.library import policies  # noqa: F401
        from ctassist.library.demo import run_library_demo
        from ctassist.library.home import library_card
        from ctassist.library.searchables import register_all

        register_all()
        ui.register_nav(
            ui.NavItem(
                "library",
                _("Library"),
                "library:search",
                order=50,
                children=(
                    ui.NavItem("library-search", _("Search"), "library:search"),
                    ui.NavItem("library-legislation", _("Legislation"), "library:legislation_list"),
                    ui.NavItem("library-cases", _("Case law"), "library:case_list"),
                    ui.NavItem("library-publications", _("Publications"), "library:publication_list"),
                    ui.NavItem(
                        "library-reviews", _("Legislative reviews"), "library:review_list", visible=_sees_reviews
                    ),
                ),
            )
        )
        ui.register_home_card(ui.HomeCard("library", "library/home_card.html", library_card, order=50))
        demo_registry.register("library", 50, run_library_demo)


def _sees_reviews(user) -> bool:
    from ctassist.core import roles

    return roles.is_unodc(user) or bool(roles.state_id_of(user))
