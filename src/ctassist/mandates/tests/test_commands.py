"""Commands: parse_resolution (exit status preserved), ingest_resolution, fetch_resolution (no network)."""

from __future__ import annotations

import io
import json
import urllib.error
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError

from ctassist.core.models import ChangeLogEntry
from ctassist.mandates.models import Resolution
from ctassist.mandates.tests.builders import build_pdf
from ctassist.mandates.tests.factories import CORPUS, DOCUMENTS, needs_corpus

GOLD_DIR = CORPUS.parent / "gold"


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = 0
    try:
        ManagementUtility(["ctassist", *argv]).execute()
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@needs_corpus
def test_parse_resolution_json_matches_the_gold_fields(capsys):
    files = sorted(str(p) for p in CORPUS.glob("*.txt"))
    code, out, _err = _run(capsys, "parse_resolution", *files, "--json")
    assert code == 0
    documents = {d["symbol"]: d for d in json.loads(out)}
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD_DIR.glob("*.json"))]
    assert len(golds) == len(files) == len(documents)
    for gold in golds:
        doc = documents[gold["symbol"]]
        for key in ("symbol", "body", "title", "adopted_on", "session", "agenda_item", "committee_report"):
            assert doc[key] == gold[key], (gold["symbol"], key)
        for part in ("preamble", "operative"):
            assert [p["verb"] for p in doc[part]] == [g["verb"] for g in gold[part]], (gold["symbol"], part)
        assert [p["number"] for p in doc["operative"]] == [g["n"] for g in gold["operative"]]
        assert len(doc["footnotes"]) == gold["footnotes"] and len(doc["annexes"]) == gold["annexes"]
        assert (doc["draft"] is None) == (gold["draft"] is None)


def test_parse_resolution_exits_2_on_bad_input(capsys, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("Not a resolution at all.\n", encoding="utf-8")
    code, out, err = _run(capsys, "parse_resolution", str(DOCUMENTS / "A_RES_99_901.txt"), str(bad))
    assert code == 2
    assert "A/RES/99/901" in out and f"error: {bad}" in err and "Traceback" not in err


@pytest.mark.django_db
def test_ingest_resolution_stores_updates_and_reports_errors(tmp_path, capsys):
    good = DOCUMENTS / "A_RES_99_901.txt"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    stdout, stderr = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("ingest_resolution", str(good), str(bad), stdout=stdout, stderr=stderr)
    assert exc.value.returncode == 2
    assert "A/RES/99/901: created" in stdout.getvalue()
    assert "bad.txt" in stderr.getvalue()
    assert list(Resolution.objects.values_list("symbol", flat=True)) == ["A/RES/99/901"]
    call_command("ingest_resolution", str(good), stdout=stdout)
    assert "A/RES/99/901: updated" in stdout.getvalue()
    assert ChangeLogEntry.objects.filter(object_repr="A/RES/99/901").count() >= 1


@pytest.mark.django_db
def test_ingest_resolution_dry_run_writes_nothing():
    stdout = io.StringIO()
    call_command("ingest_resolution", str(DOCUMENTS / "A_RES_100_902.md"), "--dry-run", stdout=stdout)
    assert "dry run" in stdout.getvalue()
    assert not Resolution.objects.exists() and not ChangeLogEntry.objects.filter(object_repr="A/RES/100/902").exists()


class _Response(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


@pytest.mark.django_db
def test_fetch_resolution_saves_and_ingests_a_pdf(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    pdf = build_pdf(tmp_path / "source.pdf").read_bytes()
    stdout = io.StringIO()
    with mock.patch("urllib.request.urlopen", return_value=_Response(pdf)) as urlopen:
        call_command("fetch_resolution", "A/RES/99/904", "--ingest", stdout=stdout)
    request = urlopen.call_args.args[0]
    assert request.full_url == "https://documents.un.org/api/symbol/access?s=A/RES/99/904&l=en&t=pdf"
    assert urlopen.call_args.kwargs["timeout"] == 30
    saved = tmp_path / "resolutions" / "A_RES_99_904.pdf"
    assert saved.read_bytes() == pdf
    assert Resolution.objects.filter(symbol="A/RES/99/904", source_name="A_RES_99_904.pdf").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (urllib.error.URLError("Name or service not known"), "Could not reach the UN Official Document System"),
        (_Response(b"<html>Not found</html>"), "not a PDF"),
    ],
)
def test_fetch_resolution_clear_errors(tmp_path, settings, answer, message):
    settings.VAR_DIR = tmp_path
    kwargs = {"side_effect": answer} if isinstance(answer, Exception) else {"return_value": answer}
    with mock.patch("urllib.request.urlopen", **kwargs), pytest.raises(CommandError, match=message):
        call_command("fetch_resolution", "A/RES/74/175")
    assert not Path(tmp_path / "resolutions" / "A_RES_74_175.pdf").exists()
    assert not Resolution.objects.exists()


def test_fetch_resolution_refuses_a_size_over_the_limit():
    from ctassist.mandates.management.commands import fetch_resolution

    with (
        mock.patch("urllib.request.urlopen", return_value=_Response(b"%PDF-" + b"x" * 100)),
        pytest.raises(CommandError, match="larger than"),
    ):
        fetch_resolution.download("https://documents.un.org/x", limit=50)


def test_fetch_resolution_rejects_what_is_not_a_symbol():
    with pytest.raises(CommandError, match="does not look like"):
        call_command("fetch_resolution", "rm -rf /")
