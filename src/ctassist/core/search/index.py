"""Keeping the search index current. Services call these inside their transactions.

The full-text structures themselves (FTS5 table, tsvector column) follow
the store's rows (``registry.store()``) through database triggers (see ``ddl``), so writing
the row is all it takes, on both databases.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from ctassist.core.search import registry
from ctassist.core.search.query import has_cjk, segment_cjk

# PostgreSQL text-search configurations per document language; others use 'simple'
# (no stemming, still findable word by word; CJK is segmented into characters).
TEXT_CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "ar": "arabic"}
ALL_CONFIGS = ("english", "french", "spanish", "russian", "arabic", "simple")


def _documents() -> models.Manager:
    return registry.store().model._default_manager  # type: ignore[attr-defined]


def text_config(language: str) -> str:
    return TEXT_CONFIGS.get(language, "simple")


def tag_string(themes: Iterable[str], instruments: Iterable[str]) -> str:
    values = sorted({f"theme:{t}" for t in themes} | {f"instrument:{i}" for i in instruments})
    return f"|{'|'.join(values)}|" if values else ""


def tag_values(tags: str) -> list[str]:
    return [v for v in tags.split("|") if v]


def _fields(data: registry.DocumentData) -> dict[str, Any]:
    title = data.title[:500]
    state = data.state
    date = data.date
    return {
        "title": title,
        "reference": data.reference[:200],
        "body": data.body,
        "index_title": segment_cjk(f"{title} {data.reference}") if has_cjk(title) else "",
        "index_body": segment_cjk(data.body) if has_cjk(data.body) else "",
        "url": data.url,
        "language": data.language,
        "text_config": text_config(data.language),
        "state": state,
        "regional_group": getattr(state, "regional_group", "") or "",
        "kind": data.kind,
        "date": date,
        "year": data.year or (date.year if date else None),
        "is_public": data.is_public,
        "owner_state_id": data.owner_state_id,
        "is_demo": data.is_demo,
        "tags": tag_string(data.themes, data.instruments),
    }


def index_object(obj: models.Model) -> models.Model | None:
    """Create, update or remove the search document of ``obj``."""
    searchable = registry.for_model(type(obj))
    data = searchable.build(obj)
    if data is None:
        unindex_object(obj)
        return None
    fields = _fields(data)
    document, _created = _documents().update_or_create(doc_type=searchable.key, object_id=obj.pk, defaults=fields)
    return document


def index_many(objects: Iterable[models.Model], *, batch_size: int = 2000) -> int:
    """Replace the documents of many objects of one type at once (imports, demo data)."""
    objects = list(objects)
    if not objects:
        return 0
    searchable = registry.for_model(type(objects[0]))
    _documents().filter(doc_type=searchable.key, object_id__in=[o.pk for o in objects]).delete()
    documents = []
    for obj in objects:
        data = searchable.build(obj)
        if data is not None:
            documents.append(registry.store().model(doc_type=searchable.key, object_id=obj.pk, **_fields(data)))
    _documents().bulk_create(documents, batch_size=batch_size)
    return len(documents)


def unindex_object(obj: models.Model) -> None:
    searchable = registry.for_model(type(obj))
    _documents().filter(doc_type=searchable.key, object_id=obj.pk).delete()


def unindex(doc_type: str, object_ids: Iterable[int]) -> None:
    _documents().filter(doc_type=doc_type, object_id__in=list(object_ids)).delete()
