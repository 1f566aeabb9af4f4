"""Rule-based, explainable tagging of resolution paragraphs with themes and addressees.

Every theme has a short list of patterns in ``THEME_RULES``; a theme fires when
any pattern matches, and the matched words are returned as its triggers so the
UI can show why. Patterns are case-insensitive except those wrapped in
``(?-i:...)``: these must be lower case so that proper names ("Working Group on
Border Management", "Convention against Transnational Organized Crime") do not
count as the subject itself.

Addressees are whoever a request verb (urges, requests, calls upon, encourages,
invites, recommends to) is aimed at, read from the words between the verb and
its "to ..." clause. Partners named after "in cooperation with" and other
qualifying clauses are not addressees; Member States invited to contribute
money are "donors"; a paragraph that asks nobody is the Assembly's own act.

Pure Python; no Django.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ctassist.core.taxonomy import ADDRESSEE_CODES, THEME_CODES

LABELS_PATH = Path(__file__).resolve().parent / "data" / "theme_labels.json"

# theme code -> patterns. Keep each list short and readable: the UI shows the triggers.
THEME_RULES: dict[str, tuple[str, ...]] = {
    "ratification": (
        r"becom\w* (?:a )?part(?:y|ies) to",
        r"\bratif\w+",
        r"\baccession\b",
        r"\bacced\w+",
        r"legislative incorporation",
    ),
    "national-coordination": (
        r"coordination among law enforcement",
        r"\bnational coordination",
        r"inter-?agency coordination",
    ),
    "international-cooperation": (
        r"mutual legal assistance",
        r"\bextradition\b",
        r"central authorities",
        r"international (?:legal |judicial |legal and judicial )?cooperation",
        r"international coordination and cooperation",
        r"cooperation in criminal matters",
        r"exchange of (?:relevant )?(?:financial )?(?:information|intelligence)",
        r"sharing of information",
        r"cooperation between Member States",
        r"\btheir cooperation\b",
    ),
    "designated-authorities": (
        r"designated authorities",
        r"repository database",
        r"competent national authorities",
    ),
    "knowledge-portal": (
        r"(?:good|best) practices",
        r"knowledge (?:management )?portal",
        r"\bSHERLOC\b",
        r"technical tools",
        r"\bpublications?\b",
        r"\bhandbook\b",
        r"\bguide\b",
        r"\bguidance\b",
        r"\bcompendium\b",
        r"e-learning",
        r"platforms and tools",
        r"\bmanuals?\b",
    ),
    "training": (
        r"\btraining of\b",
        r"adequate training",
        r"training (?:courses|programmes|sessions|workshops)",
    ),
    "rule-of-law": (
        r"criminal justice (?:systems?|responses?)",
        r"rule of law",
        r"human rights",
        r"due process",
        r"fundamental freedoms",
        r"juvenile justice",
        r"treatment of prisoners",
        r"\bhumane\b",
        r"(?:observes|respects?) their rights",
    ),
    "foreign-terrorist-fighters": (r"foreign terrorist fighters?",),
    "terrorism-financing": (r"\bfinancing\b", r"financial intelligence", r"terrorist financing"),
    "organized-crime-links": (
        r"(?-i:organized crim\w*)",
        r"illicit drug",
        r"drug-related",
        r"money-laundering",
        r"drug trafficking",
    ),
    "kidnapping-for-ransom": (r"\bkidnapping", r"hostage-taking", r"\bransoms?\b"),
    "border-management": (r"(?-i:border (?:management|control|security|crossings?))",),
    "cultural-property": (r"cultural (?:heritage|property)", r"\bantiquities\b"),
    "ict-internet": (
        r"\bInternet\b",
        r"(?-i:information and communications? technolog\w*)",
        r"social media",
        r"\bonline\b",
        r"\bcyber\w*",
    ),
    "forensic-evidence": (r"\bforensic\b", r"\bevidence\b"),
    "biometrics": (r"\bbiometric\w*",),
    "travel-data": (
        r"travel data",
        r"advance passenger information",
        r"passenger name record",
        r"\bAPI\b",
        r"\bPNR\b",
        r"Terrorist Travel",
    ),
    "cbrn": (
        r"chemical, biological, radiological",
        r"\bCBRN\b",
        r"nuclear terrorism",
        r"radiological",
        r"weapons of mass destruction",
    ),
    "critical-infrastructure": (r"critical infrastructure", r"soft\W{0,2} targets?", r"public places"),
    "victims": (r"victims of (?:acts of )?terror\w*", r"victims of terrorist"),
    "children": (r"\bchild(?:ren)?\b", r"\bjuvenile\b", r"\bminors\b"),
    "gender": (r"\bgender\b", r"\bwomen\b"),
    "prisons-radicalization": (r"\bprisons?\b", r"\binmates\b", r"radicali[sz]ation to violence"),
    "strategies": (
        r"\b(?:national|regional)(?:,? (?:and )?(?:subregional|regional|international))*"
        r"(?: counter-terrorism)? strateg\w+",
        r"(?-i:develop(?:ing)? strategies)",
    ),
    "coordination": (
        r"Task Force",
        r"Coordination Compact",
        r"Compact entities",
        r"Counter-Terrorism Committee",
        r"Executive Directorate",
        r"Office of Counter-Terrorism",
        r"\bINTERPOL\b",
        r"United Nations entities",
        r"entities of the United Nations",
        r"(?:international|regional|subregional) organizations",
        r"joint initiatives",
        r"International Civil Aviation Organization",
    ),
    "contributions": (
        r"voluntary (?:financial )?contributions",
        r"financial contributions",
        r"in-kind",
        r"extrabudgetary",
        r"\bdonors?\b",
    ),
    "reporting": (r"report on the implementation", r"submit\w* (?:to [^.;]{0,60})?a report"),
}

_THEME_RES = {code: [re.compile(p, re.IGNORECASE) for p in pats] for code, pats in THEME_RULES.items()}
if not set(THEME_RULES) <= THEME_CODES:  # a typo in the table must fail loudly, not silently never match
    raise RuntimeError(f"THEME_RULES has codes outside the taxonomy: {set(THEME_RULES) - THEME_CODES}")


@dataclass(frozen=True, slots=True)
class ThemeMatch:
    code: str
    triggers: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "triggers": list(self.triggers)}


@dataclass(frozen=True, slots=True)
class AddresseeMatch:
    code: str
    triggers: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "triggers": list(self.triggers)}


def tag_themes(text: str) -> list[ThemeMatch]:
    """Themes whose patterns occur in ``text``, in taxonomy order, with the words that fired."""
    out = []
    for code, patterns in _THEME_RES.items():
        hits = [(m.start(), m.group()) for rx in patterns for m in rx.finditer(text)]
        if hits:
            out.append(ThemeMatch(code, _unique(word for _, word in sorted(hits))))
    return out


def _unique(words: Iterable[str]) -> tuple[str, ...]:
    """First spelling of each trigger, ignoring case ("evidence", "Evidence" -> "evidence")."""
    seen: dict[str, str] = {}
    for w in words:
        seen.setdefault(w.lower(), w)
    return tuple(seen.values())


# --- addressees -------------------------------------------------------------------

_REQUEST = re.compile(
    r"(?:^|\band\s+|[,;]\s+)((?:(?:also|further|again|once again|strongly|hereby)\s+)*"
    r"(?:urges|requests|calls upon|calls on|encourages|invites|recommends to|appeals to|asks|directs))\b",
    re.IGNORECASE,
)
_TO_CLAUSE = re.compile(r"\bto\s+(?!the\b)")  # "to continue", "to share": the end of the addressee phrase
_QUALIFIER = re.compile(
    r"^(?:in (?:close )?(?:cooperation|coordination|collaboration|consultation) with"
    r"|within|including|through|"
    r"upon|when|whenever|as appropriate|in accordance|in line|consistent|pursuant|in particular|inter alia|"
    r"where|if)\b",
    re.IGNORECASE,
)
# Entities, most specific first (the UNODC name contains "United Nations").
ADDRESSEE_RULES: tuple[tuple[str, str], ...] = (
    ("unodc", r"United Nations Office on Drugs and Crime|\bUNODC\b|\bthe Office\b(?! of)"),
    ("secretary-general", r"Secretary-General"),
    ("ctc-cted", r"Counter-Terrorism Committee|Executive Directorate|\bCTED\b"),
    (
        "compact-entities",
        r"Compact entities|Coordination Compact|Task Force|Office of Counter-Terrorism|"
        r"United Nations entities|entities of the United Nations",
    ),
    ("regional-organizations", r"regional (?:and subregional )?organizations"),
    ("general-assembly", r"General Assembly"),
    ("donors", r"\bdonors?\b"),
    ("member-states", r"Member States|\b(?:all |those |other )?States\b|\bGovernments\b"),
)
_ADDRESSEE_RES = [(code, re.compile(p)) for code, p in ADDRESSEE_RULES]
_MONEY = re.compile(r"contribut|in-kind|\bfunding\b|extrabudgetary", re.IGNORECASE)
if not {c for c, _ in ADDRESSEE_RULES} | {"other"} <= ADDRESSEE_CODES:
    raise RuntimeError("ADDRESSEE_RULES has codes outside the taxonomy")


def _entities(phrase: str) -> list[tuple[str, str]]:
    found: list[tuple[int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for code, rx in _ADDRESSEE_RES:
        for m in rx.finditer(phrase):
            if not any(a <= m.start() < b for a, b in taken):
                taken.append(m.span())
                found.append((m.start(), code, m.group()))
    return [(code, word) for _, code, word in sorted(found)]


def tag_addressees(text: str, verb: str | None = None) -> list[AddresseeMatch]:
    """Who the paragraph asks to act. ``verb`` (the parser's) only decides the no-request case."""
    hits: dict[str, list[str]] = {}
    for m in _REQUEST.finditer(text):
        rest = text[m.end() :]
        end = _TO_CLAUSE.search(rest)
        phrase = rest[: end.start()] if end else rest[:200]
        clause = rest[end.end() : end.end() + 160] if end else ""
        chunks = [c.strip() for c in phrase.split(",")]
        # The addressee is the first chunk plus chunks joined by "and"; asides are skipped.
        kept = [chunks[0]] + [
            c for c in chunks[1:] if c.lower().startswith("and ") and not _QUALIFIER.match(c[4:])
        ]
        for chunk in kept:
            entities = _entities(chunk)
            if not entities and chunk.strip():
                entities = [("other", chunk.strip())]
            for code, word in entities:
                if code == "member-states" and _MONEY.search(clause):
                    code = "donors"  # States asked for money act as donors
                hits.setdefault(code, []).append(f"{m.group(1)} {word}")
    if not hits:
        lead = verb or (text.split()[0].lower() if text.split() else "")
        if lead:
            hits["general-assembly"] = [f"{lead} (the Assembly's own act)"]
    return [AddresseeMatch(code, _unique(words)) for code, words in hits.items()]


# --- evaluation against the hand-labelled set ---------------------------------------


@dataclass(slots=True)
class LabelledParagraph:
    symbol: str
    part: str  # "operative", "draft" (E/RES/2015/22's embedded draft) or "preamble"
    ref: str
    text: str
    verb: str | None
    themes: frozenset[str]
    addressees: frozenset[str] | None  # None: not labelled (preambular paragraphs)


@dataclass(slots=True)
class Scores:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def add(self, gold: Iterable[str], got: Iterable[str]) -> None:
        gold, got = set(gold), set(got)
        self.tp.update(gold & got)
        self.fp.update(got - gold)
        self.fn.update(gold - got)

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    def precision(self, code: str | None = None) -> float:
        tp = self.tp[code] if code else sum(self.tp.values())
        fp = self.fp[code] if code else sum(self.fp.values())
        return self._ratio(tp, tp + fp)

    def recall(self, code: str | None = None) -> float:
        tp = self.tp[code] if code else sum(self.tp.values())
        fn = self.fn[code] if code else sum(self.fn.values())
        return self._ratio(tp, tp + fn)

    def codes(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))


@dataclass(slots=True)
class Metrics:
    themes: Scores
    addressees: Scores
    paragraphs: int
    disagreements: list[str]

    def summary(self) -> dict[str, float]:
        return {
            "theme_precision": self.themes.precision(),
            "theme_recall": self.themes.recall(),
            "addressee_precision": self.addressees.precision(),
            "addressee_recall": self.addressees.recall(),
        }


def evaluate(labels: Iterable[LabelledParagraph]) -> Metrics:
    """Micro precision/recall of the tagger against hand labels, with per-code counts."""
    themes, addressees = Scores(), Scores()
    notes: list[str] = []
    n = 0
    for lab in labels:
        n += 1
        got_t = {m.code for m in tag_themes(lab.text)}
        themes.add(lab.themes, got_t)
        checks = [("theme", lab.themes, got_t)]
        if lab.addressees is not None:
            got_a = {m.code for m in tag_addressees(lab.text, lab.verb)}
            addressees.add(lab.addressees, got_a)
            checks.append(("addressee", lab.addressees, got_a))
        where = f"{lab.symbol} {lab.part} {lab.ref}"
        for kind, gold, got in checks:
            if set(gold) != got:
                notes.append(f"{where}: {kind} extra {sorted(got - gold)} missing {sorted(gold - got)}")
    return Metrics(themes, addressees, n, notes)


def load_labels(resolutions: Mapping[str, Any], path: Path = LABELS_PATH) -> list[LabelledParagraph]:
    """Join the label file with parsed resolutions (symbol -> Resolution), checking each paragraph's start."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out: list[LabelledParagraph] = []
    for doc in data["documents"]:
        res = resolutions.get(doc["symbol"])
        if res is None:
            continue
        if doc["part"] == "preamble":
            by_ref = {f"p{i}": p for i, p in enumerate(res.preamble, 1)}
        else:
            paras = res.draft.operative if doc["part"] == "draft" else res.operative
            by_ref = {(str(p.number) if p.number is not None else f"#{i}"): p for i, p in enumerate(paras, 1)}
        for item in doc["paragraphs"]:
            para = by_ref[item["ref"]]
            if not para.text.startswith(item["starts"]):
                raise ValueError(
                    f"{doc['symbol']} {item['ref']}: label does not match text {para.text[:40]!r}"
                )
            addressees = item["addressees"]
            out.append(
                LabelledParagraph(
                    doc["symbol"],
                    doc["part"],
                    item["ref"],
                    para.text,
                    para.verb,
                    frozenset(item["themes"]),
                    None if addressees is None else frozenset(addressees),
                )
            )
    return out


def corpus_labels(corpus: Path) -> list[LabelledParagraph]:
    """Labels joined with the corpus texts in ``corpus/resolutions`` (parsed here)."""
    from ctassist.mandates.parser import parse_file

    parsed = [parse_file(p) for p in sorted((corpus / "resolutions").glob("*.txt"))]
    return load_labels({r.symbol: r for r in parsed})
