"""Documents that cannot be read: one clear message on the page and from the commands (exit 2),
and nothing stored. Classes: empty, truncated, scanned (no text layer), not a resolution."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from ctassist.mandates.models import Resolution
from ctassist.mandates.parser import cli

DOCUMENTS = Path(__file__).resolve().parent / "documents"
GOOD = (DOCUMENTS / "A_RES_99_901.txt").read_text(encoding="utf-8")


def _scan_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 100, style="F")  # an image-like page with no text layer
    return bytes(pdf.output())


def _cut_pdf() -> bytes:
    """A real PDF with a text layer, cut in half as an interrupted download leaves it."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, GOOD[:1500].encode("latin-1", "replace").decode("latin-1"))
    data = bytes(pdf.output())
    return data[: len(data) // 2]


def _cases() -> dict[str, tuple[str, bytes, str]]:
    cut = GOOD[: GOOD.index("Requests the Secretary-General to submit") + 60]  # ends inside an operative paragraph, no meeting line
    return {
        "empty": ("empty.txt", b"", "file is empty"),
        "blank": ("blank.txt", b"  \n\n ", "white space only"),
        "truncated": ("cut.txt", cut.encode(), "truncated"),
        "not a resolution": ("letter.txt", b"Dear colleagues,\n\nPlease find the agenda attached.\n", "not a resolution"),
        "scan": ("scan.pdf", _scan_pdf(), "no text layer"),
        "truncated pdf": ("cut.pdf", _cut_pdf(), "damaged or truncated"),
    }


@pytest.mark.parametrize("case", ["empty", "blank", "truncated", "not a resolution", "scan", "truncated pdf"])
def test_parse_resolution_command_exits_2_with_one_message(case, tmp_path, capsys):
    name, data, problem = _cases()[case]
    path = tmp_path / name
    path.write_bytes(data)
    assert cli.main([str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and problem in err[0] and str(path) in err[0]


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["empty", "truncated", "not a resolution", "scan", "truncated pdf"])
def test_ingest_command_exits_2_and_stores_nothing(case, tmp_path):
    name, data, problem = _cases()[case]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CommandError) as exc:
        call_command("ingest_resolution", str(path))
    assert exc.value.returncode == 2
    assert problem in str(exc.value) and "nothing was stored" in str(exc.value)
    assert not Resolution.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["empty", "truncated", "not a resolution", "scan", "truncated pdf"])
def test_ingest_page_shows_one_message_and_stores_nothing(case, client, actors):
    name, data, problem = _cases()[case]
    client.force_login(actors.officer)
    response = client.post(reverse("mandates:ingest"), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 400
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1
    if case == "empty":  # Django's upload field refuses it first, with its own clear message
        assert "empty" in errors[0]
    else:
        assert problem in errors[0] and "Nothing was saved" in errors[0]
    assert not Resolution.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["truncated", "not a resolution", "scan", "truncated pdf"])
def test_ingest_command_line_exits_2_with_the_message_on_stderr(case, tmp_path, capsys, monkeypatch):
    """As an officer runs it: ``ctassist ingest_resolution FILE`` exits 2, one message on stderr."""
    from django.core.management import ManagementUtility, base

    # A command that fails closes every database connection on its way out (the process ends there);
    # inside the test's transaction that would end the test's own connection on PostgreSQL.
    monkeypatch.setattr(base.connections, "close_all", lambda: None)

    name, data, problem = _cases()[case]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["ctassist", "ingest_resolution", str(path)]).execute()
    assert exit_.value.code == 2
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) == 1 and problem in lines[0] and "nothing was stored" in lines[0] and not out
    assert not Resolution.objects.exists()
