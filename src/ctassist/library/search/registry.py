"""The registry of searchable document types.

Each type says how one of its objects becomes search documents. The library
registers provisions, case law and publications; another app (mandates, when
it lands) registers its own type in its ``AppConfig.ready()``::

    from ctassist.library.search import registry
    registry.register(registry.SearchableType(
        key="mandate", label=_("Mandates"), model=Paragraph, order=40,
        build=lambda paragraph: registry.DocumentData(...),
    ))

and calls ``ctassist.library.search.index.index_object(obj)`` from its
services whenever a paragraph changes (``unindex_object`` when it is deleted).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class DocumentData:
    """What the index needs from one object."""

    title: str
    url: str
    body: str = ""
    reference: str = ""
    language: str = "en"
    state: Any = None  # a geo.State or None
    kind: str = ""
    date: datetime.date | None = None
    year: int | None = None
    themes: Iterable[str] = ()
    instruments: Iterable[str] = ()  # instrument codes
    is_public: bool = True
    owner_state_id: int | None = None  # a focal point of this State also sees it when not public
    is_demo: bool = False


@dataclass(frozen=True)
class SearchableType:
    key: str
    label: Any
    model: type
    build: Callable[[Any], DocumentData | None]
    order: int = 100
    kind_labels: dict[str, Any] = field(default_factory=dict)


_TYPES: dict[str, SearchableType] = {}


def register(searchable: SearchableType) -> None:
    _TYPES[searchable.key] = searchable


def types() -> list[SearchableType]:
    return sorted(_TYPES.values(), key=lambda t: (t.order, t.key))


def get(key: str) -> SearchableType:
    return _TYPES[key]


def for_model(model: type) -> SearchableType:
    for searchable in _TYPES.values():
        if searchable.model is model:
            return searchable
    raise LookupError(f"{model.__name__} is not a searchable type")
