from django.utils.translation import gettext_lazy as _

from ctassist.core import areas, ui


class MandatesConfig(areas.AreaConfig):
    name = "ctassist.mandates"
    verbose_name = _("Mandates")
    nav = ui.NavItem("mandates", _("Mandates"), "mandates:resolution_list", order=20, children=(
        ui.NavItem("resolutions", _("Resolutions"), "mandates:resolution_list"),
        ui.NavItem("compare", _("Compare"), "mandates:compare"),
        ui.NavItem("explorer", _("Mandate explorer"), "mandates:explorer"),
        ui.NavItem("theme-history", _("Theme history"), "mandates:theme_history"),
    ))  # fmt: skip
    home_card = ("mandates", "home.mandates_card", 20)
    demos = (("mandates", 5, "demo.run_corpus"),)

    def ready(self) -> None:
        super().ready()
        from ctassist.mandates import searchables

        searchables.register()  # paragraphs join the library's one search box
