"""The shell every area plugs into: navigation entries and home-page cards.

Apps register their entries in ``AppConfig.ready()``, so the navigation only
ever lists areas that exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


def _anyone(user: Any) -> bool:
    return True


@dataclass(frozen=True)
class NavItem:
    key: str
    label: Any
    url_name: str
    order: int = 100
    visible: Callable[[Any], bool] = _anyone
    children: tuple[NavItem, ...] = field(default_factory=tuple)
    #: Where the entry leads for this user, when that depends on who they are (else ``url_name``).
    url_name_for: Callable[[Any], str | None] | None = None

    @property
    def namespace(self) -> str:
        return self.url_name.split(":", 1)[0]


@dataclass(frozen=True)
class HomeCard:
    """A block on the home page; ``build(request)`` returns the template context or None to hide it."""

    key: str
    template: str
    build: Callable[[Any], dict[str, Any] | None]
    order: int = 100


_NAV: dict[str, NavItem] = {}
_CARDS: dict[str, HomeCard] = {}


def may_view(*models: str) -> Callable[[Any], bool]:
    """An entry's ``visible``: the user may view one of these models (``"app_label.Model"``, looked up when asked)."""

    def visible(user: Any) -> bool:
        from django.apps import apps

        from ctassist.core.policy import may

        return any(may(user, "view", apps.get_model(model)) for model in models)

    return visible


def register_nav(item: NavItem) -> None:
    _NAV[item.key] = item


def register_home_card(card: HomeCard) -> None:
    _CARDS[card.key] = card


def nav_for(user: Any) -> list[NavItem]:
    items = []
    for item in sorted(_NAV.values(), key=lambda i: (i.order, i.key)):
        if not item.visible(user):
            continue
        children = tuple(c for c in item.children if c.visible(user))
        url_name = (item.url_name_for(user) if item.url_name_for else None) or item.url_name
        items.append(NavItem(item.key, item.label, url_name, item.order, item.visible, children))
    return items


def home_cards() -> list[HomeCard]:
    return sorted(_CARDS.values(), key=lambda c: (c.order, c.key))
