"""The registry of the search engine: where documents are stored, and what can be searched.

The engine lives in ``core`` and imports no app. Apps configure it from their
``AppConfig.ready()``:

- the app that owns the document table (the library) names it with
  :func:`set_store` (the model, and the prefix of its full-text structures, see
  :mod:`ctassist.core.search.ddl`);
- each app that makes something searchable registers a :class:`SearchableType`
  saying how one of its objects becomes a document::

    from ctassist.core.search import registry
    registry.register(registry.SearchableType(
        key="mandate", label=_("Mandates"), model=Paragraph, order=40,
        build=lambda paragraph: registry.DocumentData(...),
    ))

  and calls ``ctassist.core.search.index.index_object(obj)`` from its services
  whenever an object changes (``unindex_object`` when it is deleted);
- facets whose labels come from an app's data (instruments, regional groups,
  languages) get them through :func:`register_labels`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured


@dataclass
class DocumentData:
    """What the index needs from one object."""

    title: str
    url: str
    body: str = ""
    reference: str = ""
    language: str = "en"
    state: Any = None  # the store's ``state`` target (a geo.State) or None
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


@dataclass(frozen=True)
class Store:
    """The table the documents are written to.

    ``model`` has the fields the index writes (``doc_type``, ``object_id``, ``title``,
    ``reference``, ``body``, ``index_title``, ``index_body``, ``url``, ``language``,
    ``text_config``, ``state`` (a foreign key to a model with ``name`` and ``iso3``),
    ``regional_group``, ``kind``, ``year``, ``date``, ``is_public``, ``owner_state_id``,
    ``is_demo``, ``tags``); ``prefix`` names its full-text structures (``<prefix>_fts``...).
    """

    model: type
    prefix: str

    @property
    def table(self) -> str:
        return self.model._meta.db_table  # type: ignore[attr-defined]

    @property
    def fts_table(self) -> str:
        return f"{self.prefix}_fts"

    @property
    def state_model(self) -> Any:
        return self.model._meta.get_field("state").related_model  # type: ignore[attr-defined]


_TYPES: dict[str, SearchableType] = {}
_LABELS: dict[str, Callable[[], Mapping[str, Any]]] = {}
_STORE: list[Store] = []


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


def set_store(model: type, *, prefix: str) -> None:
    _STORE[:] = [Store(model, prefix)]


def store() -> Store:
    if not _STORE:
        raise ImproperlyConfigured("No search document store is configured (registry.set_store).")
    return _STORE[0]


def register_labels(facet: str, labels: Callable[[], Mapping[str, Any]]) -> None:
    """``labels()`` gives the display label of each value of ``facet``; it is called per search."""
    _LABELS[facet] = labels


def labels(facet: str) -> dict[str, str]:
    provider = _LABELS.get(facet)
    return {str(k): str(v) for k, v in provider().items()} if provider else {}
