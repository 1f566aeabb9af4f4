"""Time the PDF path in each language and the SQLite stemming of search documents.

Plain script: ``.venv/bin/python bench/bench_documents.py [--entries 600] [--runs 3]``. No database:
it sets documents shaped like the directory printout (one heading and eight label/text lines per
entry) through ``core.pdf.LanguagePDF`` in English, Arabic and Chinese, with HarfBuzz shaping as the product
applies it (cells holding Arabic) and off (fpdf2's plain path, for comparison); then stems a provision-sized
text with ``core.search.stemming.index_text`` in each configuration. Prints seconds and words/s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

LINES = {
    "en": ("Central authority for mutual legal assistance", "Ministry of Justice, 12 Example Street, Nairobi"),
    "ar": ("السلطة المركزية للمساعدة القانونية المتبادلة", "وزارة العدل، 12 شارع المثال، القاهرة"),
    "zh": ("司法协助中央机关", "司法部，北京示例街12号"),
}
TEXTS = {
    "english": "A person who provides or collects funds intending that they be used to carry out a terrorist act commits an offence. ",
    "french": "Commet une infraction toute personne qui fournit ou réunit des fonds dans l'intention de les voir utilisés. ",
    "spanish": "Comete delito quien por el medio que fuere provea o recolecte fondos con la intención de que se utilicen. ",
    "russian": "Любое лицо совершает преступление, если оно предоставляет или собирает средства с намерением их использования. ",
    "arabic": "يرتكب جريمة كل شخص يقوم بتقديم أو جمع أموال بنية استخدامها أو مع علمه بأنها ستستخدم في تمويل الإرهاب. ",
    "simple": "任何人以任何手段直接或间接地非法和故意地提供或募集资金，其意图是将全部或部分资金用于实施恐怖主义行为。",
}


def printout(language: str, entries: int, shaping: bool) -> float:
    from ctassist.core.pdf import LanguagePDF

    started = time.perf_counter()
    pdf = LanguagePDF(language, format="A4")
    if not shaping:
        pdf._shaping = None  # fpdf2's plain path for every cell (Arabic then prints unjoined)
    pdf.add_page()
    heading, text = LINES[language]
    for number in range(entries):
        pdf.set_font(pdf.family, "B", 10)
        pdf.multi_cell(0, 5, f"{heading} {number}", align=pdf.align, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(pdf.family, "", 8.5)
        for _line in range(8):
            pdf.multi_cell(0, 4.5, text, align=pdf.align, new_x="LMARGIN", new_y="NEXT")
    pdf.output()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"PDF printout of {args.entries} entries (9 lines each), median of {args.runs} runs:")
    for language in LINES:
        for shaping in (True, False):
            times = [printout(language, args.entries, shaping) for _ in range(args.runs)]
            print(f"  {language} shaping={'on' if shaping else 'off'}: {statistics.median(times):.2f} s")
    from ctassist.core.search.stemming import index_text, stem

    print("Stemming for the SQLite index (index_text): 200 000 characters per configuration, cache cleared;")
    print("the text repeats one sentence, so this is the cached rate; the cold rate is per distinct word:")
    for config, sentence in TEXTS.items():
        text = sentence * (200_000 // len(sentence))
        stem.cache_clear()
        started = time.perf_counter()
        out = index_text(text, config)
        elapsed = time.perf_counter() - started
        stem.cache_clear()
        words = sentence.split()
        started = time.perf_counter()
        index_text(sentence, config)
        cold = (time.perf_counter() - started) / max(1, len(words))
        print(f"  {config}: {elapsed:.3f} s, {len(out.split()) / elapsed:,.0f} tokens/s; cold {cold * 1e6:.0f} µs/word")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
