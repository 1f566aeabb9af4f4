"""Whether a report depends on generated demonstration data: any record behind any figure is one."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.apps import apps

DEMO_NOTICE = (
    "Demonstration data: figures in this draft are computed from records generated for demonstration; "
    "they are not real facts and must not be cited."
)


def depends_on_demo(figures: dict[str, dict[str, Any]]) -> bool:
    """True when a record named by a figure is marked ``is_demo`` (one query per model with the mark)."""
    ids: dict[str, set[Any]] = defaultdict(set)
    for figure in figures.values():
        ids[figure["model"]].update(figure["ids"])
    for label, pks in ids.items():
        if not pks:
            continue
        model = apps.get_model(label)
        marked = any(f.name == "is_demo" for f in model._meta.concrete_fields)
        if marked and model._default_manager.filter(pk__in=pks, is_demo=True).exists():
            return True
    return False
