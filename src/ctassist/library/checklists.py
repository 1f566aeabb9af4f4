"""The legislative review checklists, read from ``data/checklists.json`` (see data/SOURCES.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PATH = Path(__file__).resolve().parent / "data" / "checklists.json"


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    instrument: str
    category: str
    article: str
    requirement: str
    verified: bool


@dataclass(frozen=True)
class Checklist:
    instrument: str
    source: str
    verified: bool
    note: str
    items: tuple[ChecklistItem, ...]


@lru_cache(maxsize=1)
def checklists() -> dict[str, Checklist]:
    raw = json.loads(PATH.read_text(encoding="utf-8"))["instruments"]
    return {
        code: Checklist(
            instrument=code,
            source=entry["source"],
            verified=entry["verified"],
            note=entry.get("note", ""),
            items=tuple(
                ChecklistItem(
                    key=item["key"],
                    instrument=code,
                    category=item["category"],
                    article=item["article"],
                    requirement=item["requirement"],
                    verified=item["verified"],
                )
                for item in entry["items"]
            ),
        )
        for code, entry in raw.items()
    }


def items_for(code: str) -> tuple[ChecklistItem, ...]:
    checklist = checklists().get(code)
    return checklist.items if checklist else ()


def item(key: str) -> ChecklistItem | None:
    code = key.split(".", 1)[0]
    return next((i for i in items_for(code) if i.key == key), None)
