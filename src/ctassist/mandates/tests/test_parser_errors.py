"""Bad input: every failure is a ParseError naming the source, and the CLI exits 2 without a traceback.

Truncation policy (see ``ctassist.mandates.parser``): a text that stops inside
its operative part with no closing meeting line raises ParseError ("truncated:
text ends inside operative paragraph N"); one cut before any operative
paragraph raises "no operative paragraphs found (text may be truncated)"; one
missing its beginning has no opening line and is "not a resolution".
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ctassist.mandates.parser import ParseError, parse_file, parse_text
from ctassist.mandates.parser.cli import main

DOCS = Path(__file__).resolve().parent / "documents"
ODS = DOCS / "A_RES_99_901.txt"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "x.txt: file is empty"),
        (b"  \n\t\n  ", "x.txt: file is empty (white space only)"),
        (bytes(range(256)) * 4, "x.txt: binary content, not text"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x01" * 100, "x.txt: binary content, not text"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "x.txt: legacy Word (.doc) file is not supported"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    with pytest.raises(ParseError) as err:
        parse_file(path)
    assert str(err.value).startswith(str(tmp_path / message))


def test_nonexistent_path_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="nope.txt: no such file"):
        parse_file(tmp_path / "nope.txt")
    with pytest.raises(ParseError, match="is a directory"):
        parse_file(tmp_path)


def test_empty_and_whitespace_text() -> None:
    for text in ("", "   \n\n "):
        with pytest.raises(ParseError, match="^pasted: text is empty$"):
            parse_text(text, source="pasted")


def test_prose_that_is_not_a_resolution() -> None:
    prose = ("The lighthouse keeper climbed the stairs every evening. She lit the lamp, wrote in the log\n"
             "and watched the ships pass. Nobody adopted anything.\n")
    with pytest.raises(ParseError, match="not a resolution: no opening line"):
        parse_text(prose, source="story.txt")


def test_opening_line_but_no_paragraphs() -> None:
    with pytest.raises(ParseError, match="no operative paragraphs found"):
        parse_text("Resolution adopted by the General Assembly on 1 May 2044\n1/2. T\n"
                   "The General Assembly,\n")


def test_missing_symbol_and_date() -> None:
    body = "The General Assembly,\n\nRecalling its work,\n\n1. Decides to act.\n"
    with pytest.raises(ParseError, match="no resolution symbol found"):
        parse_text(body, source="s")
    with pytest.raises(ParseError, match="no adoption date found"):
        parse_text("99/1. Title\n\n" + body, source="s")


@pytest.mark.parametrize("fraction", [0.5, 0.75, 0.9])
def test_truncated_inside_operative_part(fraction: float) -> None:
    text = ODS.read_text(encoding="utf-8")
    body_end = text.index("92nd plenary meeting")
    cut = text[: int(body_end * fraction)]
    with pytest.raises(ParseError, match=r"^half\.txt: (truncated: text ends inside operative paragraph \d|"
                                          r"no operative paragraphs found \(text may be truncated\))"):
        parse_text(cut.rstrip(".\n"), source="half.txt")


def test_truncated_before_operative_part() -> None:
    text = ODS.read_text(encoding="utf-8")
    cut = text[: text.index("1.\tAdopts")]
    with pytest.raises(ParseError, match=r"no operative paragraphs found \(text may be truncated\)"):
        parse_text(cut)


def test_second_half_only_is_not_a_resolution() -> None:
    text = ODS.read_text(encoding="utf-8")
    with pytest.raises(ParseError, match="not a resolution"):
        parse_text(text[len(text) // 2:])


def test_ecosoc_cut_inside_its_draft() -> None:
    text = (DOCS / "E_RES_2098_41.txt").read_text(encoding="utf-8")
    cut = text[: text.index("1. Urges")]
    with pytest.raises(ParseError, match="draft resolution has no operative paragraphs"):
        parse_text(cut)


# --- CLI ----------------------------------------------------------------------


def test_cli_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(ODS), str(DOCS / "S_RES_9901_2099.txt"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [d["symbol"] for d in out] == ["A/RES/99/901", "S/RES/9901 (2099)"]


def test_cli_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(ODS)]) == 0
    out = capsys.readouterr().out
    assert "A/RES/99/901 (GA, adopted 2044-12-14)" in out
    assert "4 preambular and 4 operative paragraphs, 3 footnotes, 1 annexes" in out


def test_cli_bad_inputs_exit_2_with_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(os.urandom(2048) + b"\x00")
    prose = tmp_path / "prose.txt"
    prose.write_text("Just some words.\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    status = main([str(empty), str(binary), str(prose), str(missing), str(tmp_path), str(ODS), "--json"])
    captured = capsys.readouterr()
    assert status == 2
    errors = captured.err.strip().splitlines()
    assert errors == [
        f"error: {empty}: file is empty",
        f"error: {binary}: binary content, not text",
        f"error: {prose}: not a resolution: no opening line such as 'The General Assembly,' found",
        f"error: {missing}: no such file",
        f"error: {tmp_path}: is a directory, not a file",
    ]
    assert "Traceback" not in captured.err
    assert [d["symbol"] for d in json.loads(captured.out)] == ["A/RES/99/901"]  # good files still printed


def test_cli_usage_error_returns_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage:" in capsys.readouterr().err


def test_module_entry_point_runs_without_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    src = Path(__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONPATH": str(src)}
    missing = tmp_path / "missing.txt"
    proc = subprocess.run(  # noqa: S603 - fixed argv, our own module
        [sys.executable, "-m", "ctassist.mandates.parser", str(ODS), str(missing)],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"error: {missing}: no such file"
    assert "A/RES/99/901" in proc.stdout
