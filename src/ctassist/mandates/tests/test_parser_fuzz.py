"""Property tests: parse_text either returns a Resolution or raises ParseError, nothing else."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctassist.mandates.parser import ParseError, Resolution, parse_text
from ctassist.mandates.parser.readers import read_bytes

HERE = Path(__file__).resolve().parent
CORPUS = Path(os.environ.get("CTASSIST_SHARED") or HERE.parents[3] / ".." / "shared") / "corpus" / "resolutions"
SEEDS = [p.read_text(encoding="utf-8") for p in sorted((HERE / "documents").glob("*.*"))]
if CORPUS.is_dir():
    SEEDS += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Fragments that steer the parser into its less common branches.
TOKENS = [
    "\n", "\n\n", "\t", "*", "**", "***", "¹", "²³", "⁴", "[^1]", "[^2]: note.", "[70/177](#)", "\\(",
    "1. ", "12. ", "(a) ", "(i) ", "(ii) ", "Annex\n", "The General Assembly,\n",
    "The Economic and Social Council\n",
    "70th plenary meeting\n", "18 December 2013\n", "1 Resolution 60/288.\n", "<<ODS JOB NO>>", "Counter-\n",
    "Recalling ", "Urges ", "Recommends the following draft resolution:\n", "99/1. Title\n", ",1 ", ";", ":",
    "Resolution adopted by the General Assembly on 31 February 2015\n", "Draft resolution\n",
    "\u00ad", "\ufeff",
]


def outcome(text: str) -> Resolution | None:
    try:
        res = parse_text(text, source="fuzz")
    except ParseError as exc:
        assert str(exc).startswith("fuzz: ")
        return None
    assert isinstance(res, Resolution)
    res.to_dict()  # serialisable shape must build too
    return res


@FUZZ
@given(st.text(max_size=3000))
def test_arbitrary_text(text: str) -> None:
    outcome(text)


@FUZZ
@given(st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=30)), max_size=120))
def test_structural_fragments(parts: list[str]) -> None:
    outcome("".join(parts))


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 6))):
        n = len(text)
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, min(n, a + 2000)))
        action = draw(st.sampled_from(["delete", "insert", "duplicate", "truncate"]))
        if action == "delete":
            text = text[:a] + text[b:]
        elif action == "insert":
            text = text[:a] + draw(st.sampled_from(TOKENS)) + text[a:]
        elif action == "duplicate":
            text = text[:b] + text[a:b] + text[b:]
        else:
            text = text[:a]
    return text


@FUZZ
@given(mutated_seed())
def test_mutated_documents(text: str) -> None:
    outcome(text)


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["", ".txt", ".md", ".pdf", ".docx"]))
def test_arbitrary_bytes_through_the_reader(data: bytes, suffix: str) -> None:
    try:
        outcome(read_bytes(data, "fuzz", suffix))
    except ParseError as exc:
        assert str(exc).startswith("fuzz: ")


def test_unmodified_seeds_parse() -> None:
    """The fuzz seeds are valid documents, so the mutations start from real structure."""
    assert all(outcome(text) is not None for text in SEEDS)
