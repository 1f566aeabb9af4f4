"""The one base of every area's ``AppConfig`` (import the module, ``areas.AreaConfig``, not the class: an
``apps.py`` that holds two configurations leaves Django unable to tell which is the app's)."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.apps import AppConfig

from ctassist.core import ui


class AreaConfig(AppConfig):
    """The configuration of one area (domain app): what its ``ready()`` registers, declared, not written.

    - ``registers``: the app's modules imported for what they register (its policies, handlers...).
    - ``nav``: its entry in the navigation (``core.ui.NavItem``), if it has one.
    - ``home_card``: ``(key, "module.function", order)``; the template is ``<label>/home_card.html``.
    - ``demos``: ``(key, order, "module.function")`` for each demonstration generator (``core.demo_registry``).

    A ``ready()`` that needs more (a signal, a search source) calls ``super().ready()`` first.
    """

    registers: tuple[str, ...] = ("policies",)
    nav: ui.NavItem | None = None
    home_card: tuple[str, str, int] | None = None
    demos: tuple[tuple[str, int, str], ...] = ()

    def ready(self) -> None:
        from ctassist.core import demo_registry

        for module in self.registers:
            import_module(f"{self.name}.{module}")
        if self.nav is not None:
            ui.register_nav(self.nav)
        if self.home_card is not None:
            key, build, order = self.home_card
            ui.register_home_card(ui.HomeCard(key, f"{self.label}/home_card.html", self.function(build), order=order))
        for key, order, run in self.demos:
            demo_registry.register(key, order, self.function(run))

    def function(self, path: str) -> Any:
        """``"module.function"`` of this app, imported."""
        module, name = path.rsplit(".", 1)
        return getattr(import_module(f"{self.name}.{module}"), name)
