"""Fill the catalogues' untranslated messages from translation fragments.

Work on several branches adds messages at the same time; regenerating the whole catalogues on each
branch would make every merge conflict. So a branch commits the translations of the messages it adds
as fragments, ``locale-fragments/<topic>/<lang>.po`` (any valid .po holding just those messages), and
after merging, ``make messages`` regenerates the catalogues from the sources and this tool copies each
fragment's translations into the entries that are still empty or fuzzy. The fragment is then deleted.

    python tools/po_fill.py locale-fragments/<topic>      # fills src/ctassist/locale/<lang>/...
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "ctassist" / "locale"


def _read(path: Path, locale: str):
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def fill(fragment: Path) -> tuple[int, int]:
    lang = fragment.stem
    target = LOCALE / lang / "LC_MESSAGES" / "django.po"
    catalog = _read(target, lang)
    source = _read(fragment, lang)
    filled = missing = 0
    for message in source:
        if not message.id or not message.string:
            continue
        entry = catalog.get(message.id, context=message.context)
        if entry is None:
            missing += 1
            print(f"{fragment}: not in the catalogue (changed or removed in the sources?): {message.id!r}")
            continue
        empty = not entry.string or (isinstance(entry.string, tuple) and not all(entry.string))
        if empty or entry.fuzzy:
            entry.string = message.string
            entry.flags.discard("fuzzy")
            filled += 1
    with target.open("wb") as out:
        write_po(out, catalog, width=79, include_previous=False)
    return filled, missing


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    for folder in map(Path, argv):
        for fragment in sorted(folder.glob("*.po")):
            filled, missing = fill(fragment)
            print(f"{fragment}: {filled} filled, {missing} not found")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
