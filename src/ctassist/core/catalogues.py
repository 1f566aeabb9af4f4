"""The translation catalogues: compiled from their sources, and checked.

The ``.po`` files under ``src/ctassist/locale`` are the sources (translators edit them); the ``.mo``
files Django reads are built from them by :func:`compile_all` (``ctassist compile_catalogues``, run by
``make demo`` and ``make test``), so a compiled catalogue never lags behind its source. Compiling
needs no system tool: Babel reads and writes both formats.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings


@dataclass
class Compiled:
    po: Path
    messages: int
    written: bool


def catalogue_sources() -> list[Path]:
    return sorted(p for base in settings.LOCALE_PATHS for p in Path(base).glob("*/LC_MESSAGES/*.po"))


def compile_one(po: Path, *, force: bool = False) -> Compiled:
    """Write ``po``'s ``.mo`` beside it when it is missing or older; atomically, so parallel runs agree."""
    mo = po.with_suffix(".mo")
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=po.parent.parent.name)
    messages = sum(1 for m in catalog if m.id and m.string and not m.fuzzy)
    if not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        return Compiled(po, messages, written=False)
    fd, tmp = tempfile.mkstemp(dir=po.parent, suffix=".mo.tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            write_mo(out, catalog, use_fuzzy=False)
        os.replace(tmp, mo)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return Compiled(po, messages, written=True)


def compile_all(*, force: bool = False) -> list[Compiled]:
    return [compile_one(po, force=force) for po in catalogue_sources()]
