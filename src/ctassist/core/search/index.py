"""Keeping the search index current. Services call these inside their transactions.

The full-text structures themselves (FTS5 table, tsvector column) follow
the store's rows (``registry.store()``) through database triggers (see ``ddl``), so writing
the row is all it takes, on both databases.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, models

from ctassist.core.search import registry
from ctassist.core.search.query import has_cjk, segment_cjk
from ctassist.core.search.stemming import CONFIGS, index_text

# PostgreSQL text-search configurations per document language; others use 'simple'
# (no stemming, still findable word by word; CJK is segmented into characters).
TEXT_CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "ar": "arabic"}
ALL_CONFIGS = CONFIGS


def _documents() -> models.Manager:
    return registry.store().model._default_manager  # type: ignore[attr-defined]


def text_config(language: str) -> str:
    return TEXT_CONFIGS.get(language, "simple")


def tag_string(themes: Iterable[str], instruments: Iterable[str]) -> str:
    values = sorted({f"theme:{t}" for t in themes} | {f"instrument:{i}" for i in instruments})
    return f"|{'|'.join(values)}|" if values else ""


def tag_values(tags: str) -> list[str]:
    return [v for v in tags.split("|") if v]


def index_fields(title: str, reference: str, body: str, config: str, vendor: str) -> dict[str, str]:
    """What the full-text index reads instead of title and body, on each database.

    SQLite: the words stemmed in the document's language, CJK in bigrams (``stemming``); its FTS5
    tokenizer only splits them. PostgreSQL stems in the text configuration itself and is given the
    text as written, CJK characters spaced (its parser does not split them).
    """
    if vendor == "sqlite":
        return {"index_title": index_text(f"{title} {reference}", config), "index_body": index_text(body, config)}
    return {
        "index_title": segment_cjk(f"{title} {reference}") if has_cjk(title) else "",
        "index_body": segment_cjk(body) if has_cjk(body) else "",
    }


def _fields(data: registry.DocumentData) -> dict[str, Any]:
    title = data.title[:500]
    reference = data.reference[:200]
    state = data.state
    date = data.date
    config = text_config(data.language)
    return {
        "title": title,
        "reference": reference,
        "body": data.body,
        **index_fields(title, reference, data.body, config, connection.vendor),
        "url": data.url,
        "language": data.language,
        "text_config": config,
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
