from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MandatesConfig(AppConfig):
    name = "ctassist.mandates"
    verbose_name = _("Mandates")

    def ready(self) -> None:
        from ctassist.core import demo_registry, ui
        from ctassist.mandates import policies, searchables  # noqa: F401

        searchables.register()  # paragraphs join the library's one search box
        from ctassist.mandates.demo import run_corpus
        from ctassist.mandates.home import mandates_card

        ui.register_nav(
            ui.NavItem(
                "mandates",
                _("Mandates"),
                "mandates:resolution_list",
                order=20,
                children=(
                    ui.NavItem("resolutions", _("Resolutions"), "mandates:resolution_list"),
                    ui.NavItem("compare", _("Compare"), "mandates:compare"),
                    ui.NavItem("explorer", _("Mandate explorer"), "mandates:explorer"),
                    ui.NavItem("theme-history", _("Theme history"), "mandates:theme_history"),
                ),
            )
        )
        demo_registry.register("mandates", 5, run_corpus)
        ui.register_home_card(ui.HomeCard("mandates", "mandates/home_card.html", mandates_card, order=20))
