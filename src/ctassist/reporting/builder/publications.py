"""Publications and tools UNODC issued on an operative paragraph's themes."""

from __future__ import annotations

from typing import Any

from ctassist.reporting.builder.data import ReportData
from ctassist.reporting.builder.text import MAX_LISTED, Draft, plural


def blocks(draft: Draft, key: str, data: ReportData, paragraph: dict[str, Any]) -> list[dict[str, Any]]:
    """One paragraph naming the publications of the period on the paragraph's themes (none if there are none)."""
    pubs = [p for p in data.publications if set(p["themes"] or []) & set(paragraph["themes"])]
    if not pubs:
        return []
    return [
        draft.para(
            [
                "UNODC issued ",
                draft.figure(
                    f"{key}.publications",
                    len(pubs),
                    f"publications and tools under paragraph {paragraph['number']}",
                    "library.publication",
                    [p["id"] for p in pubs],
                ),
                f" {plural(len(pubs), 'publication or tool', 'publications and tools')} on these themes: "
                + "; ".join(f"{p['title']} ({p['year']})" for p in pubs[:MAX_LISTED])
                + ".",
            ]
        )
    ]
