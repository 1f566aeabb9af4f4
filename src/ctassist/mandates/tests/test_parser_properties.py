"""Property tests: generated resolutions with glued footnote markers, section headings, wrapped
titles, wrapped and run-together lines and page furniture come back with the paragraphs that were generated."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctassist.mandates.parser import parse_text
from ctassist.mandates.parser.scoring import ends, starts

WORDS = ("peace", "security", "cooperation", "States", "assistance", "the", "of", "and", "to", "in",
         "regional", "capacity", "its", "work", "United Nations", "Office", "programme", "support", "legal")
PREAMBLE = ("Recalling", "Reaffirming", "Noting with concern", "Welcoming", "Bearing in mind", "Convinced that",
            "Deeply concerned", "Taking note of", "Emphasizing", "Mindful of")
OPERATIVE = ("Requests", "Decides", "Urges", "Invites", "Calls upon", "Encourages", "Also requests", "Welcomes")
HEADINGS = ("Peacebuilding financing", "Office of Counter-Terrorism", "Follow-up", "Technical assistance")
FURNITURE = ("25-18769 (E)", "*2518769*", "2/4 25-18769", "25-18769 3/4", "A/RES/80/99", "3", "Distr.: General",
             "---")

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def resolutions(draw: st.DrawFn) -> dict:
    words = st.lists(st.sampled_from(WORDS), min_size=6, max_size=40).map(" ".join)
    pre = [f"{draw(st.sampled_from(PREAMBLE))} {draw(words)}" for _ in range(draw(st.integers(1, 6)))]
    ops = [f"{draw(st.sampled_from(OPERATIVE))} {draw(words)}" for _ in range(draw(st.integers(1, 6)))]
    headings = [draw(st.sampled_from(HEADINGS)) if i and draw(st.booleans()) and draw(st.booleans()) else None
                for i in range(len(ops))]
    marked = [draw(st.booleans()) for _ in range(len(pre) + len(ops))]
    title_words = draw(st.lists(st.sampled_from(WORDS[:15]), min_size=4, max_size=30))
    return {"pre": pre, "ops": ops, "headings": headings, "marked": marked, "title": title_words,
            "shape": draw(st.sampled_from(["markdown", "raw"])), "seed": draw(st.randoms(use_true_random=False))}


def render(doc: dict) -> tuple[str, int]:
    rnd = doc["seed"]
    title = ["Title"] + doc["title"]
    cut = sorted(rnd.sample(range(1, len(title)), k=min(2, len(title) - 1))) if len(title) > 8 else []
    title_lines = [" ".join(title[a:b]) for a, b in zip([0, *cut], [*cut, len(title)], strict=True)]
    out = ["United Nations A/RES/80/99", "General Assembly Distr.: General", "Eightieth session",
           "25-18769 (E)", "*2518769*", "Resolution adopted by the General Assembly on 8 December 2025",
           "[on the report of the Sixth Committee (A/80/500)]", "", f"80/99. {title_lines[0]}", *title_lines[1:], "",
           "The General Assembly,", ""]
    notes: list[str] = []
    body: list[str] = []
    k = 0
    paras = [(t + ",", None) for t in doc["pre"]] + [
        (f"{i}. {t}" + (";" if i < len(doc["ops"]) else "."), h) for i, (t, h) in enumerate(
            zip(doc["ops"], doc["headings"], strict=True), 1)
    ]
    for (text, heading), marked in zip(paras, doc["marked"], strict=True):
        if heading:
            body += [heading, ""]
        if marked:
            k += 1
            text += str(k)  # a glued marker: "…support,3"
            notes.append(f"Note {k} on document A/80/{100 + k}.")
        words = text.split(" ")
        lines, line = [], []
        for w in words:  # wrap at random widths; a wrapped line never opens with a capital here
            line.append(w)
            if len(" ".join(line)) > rnd.randint(40, 90) and w != words[-1]:
                nxt = words[words.index(w) + 1] if w in words[:-1] else ""
                if nxt[:1].islower():
                    lines.append(" ".join(line))
                    line = []
        lines.append(" ".join(line))
        if not text[0].isdigit() and len(body) >= 2 and body[-1] == "" and body[-2].endswith(("," , str(k - 1)))\
                and body[-2] not in FURNITURE and rnd.random() < 0.3:
            body.pop()  # run together: "…support,3 Reaffirming …" on one line
            body[-1] += " " + lines.pop(0)
        for ln in lines:
            body.append(ln)
            if rnd.random() < 0.15:
                body.append(rnd.choice(FURNITURE))
        body.append("")
        if doc["shape"] == "raw" and notes and rnd.random() < 0.3:
            body += [f"{n} {t}" for n, t in enumerate(notes, 1) if f"{n} {t}" not in body] + [""]
    out += body + ["40th plenary meeting", "8 December 2025", ""]
    if doc["shape"] == "markdown":
        out += ["---", *(f"[^{n}]: {t}" for n, t in enumerate(notes, 1))]
    else:
        out += [f"{n} {t}" for n, t in enumerate(notes, 1) if f"{n} {t}" not in body]
    return "\n".join(out), k


@SETTINGS
@given(resolutions())
def test_generated_resolutions_come_back_as_generated(doc: dict) -> None:
    text, notes = render(doc)
    res = parse_text(text, source="generated")
    assert res.title == " ".join(["Title", *doc["title"]])
    assert [starts(p.text) for p in res.preamble] == [starts(t) for t in doc["pre"]]
    assert [ends(p.text) for p in res.preamble] == [ends(t) for t in doc["pre"]]
    assert [p.number for p in res.operative] == list(range(1, len(doc["ops"]) + 1))
    assert [starts(p.text) for p in res.operative] == [starts(t) for t in doc["ops"]]
    assert [ends(p.text) for p in res.operative] == [ends(t) for t in doc["ops"]]
    assert [p.heading for p in res.operative] == doc["headings"]
    assert len(res.footnotes) == notes
    assert sorted(n for p in res.paragraphs for n in p.footnotes) == list(range(1, notes + 1))
