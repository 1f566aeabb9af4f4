"""Bad input (issue 19): decompression bombs, control characters, oversized CSV fields, legacy encodings,
out-of-range years and counts. Each answers a clear refusal naming what is wrong, never a 500."""

from __future__ import annotations

import io
import zipfile

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework import serializers

from ctassist.core import exports
from ctassist.core.importing import (
    ImportRejected,
    Limits,
    check_archive,
    read_bytes,
    read_text,
)
from ctassist.core.text import strip_controls


def bomb(kind: str = "docx", expanded: int = 40 * 1024 * 1024) -> bytes:
    """A small ZIP whose one part expands to ``expanded`` bytes of zeros (deflate: ~1000:1)."""
    buffer = io.BytesIO()
    inner = "word/document.xml" if kind == "docx" else "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(inner, "w", force_zip64=True) as part:
            chunk = b"\x20" * (1024 * 1024)
            for _ in range(expanded // len(chunk)):
                part.write(chunk)
    return buffer.getvalue()


def test_a_decompression_bomb_is_small_on_disk_and_refused_before_parsing():
    content = bomb("xlsx", expanded=40 * 1024 * 1024)
    assert len(content) < 200 * 1024  # small upload...
    with pytest.raises(ImportRejected) as refused:
        check_archive(content, Limits(max_part=25 * 1024 * 1024), kind="XLSX")
    assert "25 MB in one part" in str(refused.value) and "sheet1.xml" in str(refused.value)
    # ...and the total of all parts is limited as well.
    with pytest.raises(ImportRejected, match="expands to more than 10 MB"):
        check_archive(content, Limits(max_part=100 * 1024 * 1024, max_uncompressed=10 * 1024 * 1024))
    # The XLSX reader of the import pipeline refuses it the same way (a clear message, no parsing).
    with pytest.raises(ImportRejected, match="expands to more than"):
        read_bytes("bomb.xlsx", content)


def test_a_word_bomb_uploaded_as_legislation_is_refused_with_a_clear_message():
    from ctassist.library.extraction import ExtractionError, extract_text

    with pytest.raises(ExtractionError, match="expands to more than 30 MB in one part"):
        extract_text("law.docx", bomb("docx", expanded=40 * 1024 * 1024))


def test_extracted_text_has_a_length_limit(monkeypatch):
    from ctassist.library import extraction

    monkeypatch.setattr(extraction, "LIMITS", Limits(max_text=1000))
    with pytest.raises(extraction.ExtractionError, match="more than 1,000 characters"):
        extraction.extract_text("law.txt", b"Article 1. " * 200)


def test_the_resolution_parser_refuses_a_word_bomb():
    from ctassist.mandates.parser.model import ParseError
    from ctassist.mandates.parser.readers import read_bytes as parse_bytes

    with pytest.raises(ParseError, match="expands to more than"):
        parse_bytes(bomb("docx", expanded=70 * 1024 * 1024), "resolution.docx", ".docx")


def test_a_csv_field_over_the_cell_limit_names_its_row():
    big = "x" * (130 * 1024)
    text = f"name,notes\nfirst,short\nsecond,\"{big}\"\n"
    with pytest.raises(ImportRejected) as refused:
        read_text(text)
    assert refused.value.problems[0].row == 3
    assert "longer than 32768 characters" in str(refused.value)


def test_a_windows_1252_csv_from_excel_is_read_and_its_encoding_reported():
    content = "Nom;Ville\nSécurité intérieure;Genève\nMinistère de la Justice;Bogotá\n".encode("cp1252")
    table = read_bytes("liste.csv", content)
    assert table.encoding == "cp1252"
    assert table.rows[0].cells == ["Sécurité intérieure", "Genève"]


def test_control_characters_are_stripped_at_the_one_reader():
    table = read_text("name,notes\nA\x0bB,ok\x07\n")
    assert table.rows[0].cells == ["A\nB", "ok"]


# -- control characters: one rule for every form and API text field ----------------------------


def test_strip_controls_keeps_text_and_line_breaks():
    assert strip_controls("Title\x0bsecond line\x0cthird\x00\x1f\x7f\tend\r\n") == "Title\nsecond line\nthird\tend\r\n"
    assert strip_controls("Plain — ünïcode ا 中文") == "Plain — ünïcode ا 中文"


def test_every_form_text_field_strips_control_characters():
    class Sample(forms.Form):
        title = forms.CharField()
        email = forms.EmailField()
        secret = forms.CharField(widget=forms.PasswordInput, strip=False)

    form = Sample({"title": "Request\x0b title\x01", "email": "a@example.org\x08", "secret": "pa\x01ss"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == "Request\n title"
    assert form.cleaned_data["email"] == "a@example.org"
    assert form.cleaned_data["secret"] == "pa\x01ss"  # a password is taken exactly as typed


def test_every_api_text_field_strips_control_characters():
    class Sample(serializers.Serializer):
        title = serializers.CharField()
        code = serializers.SlugField()

    serializer = Sample(data={"title": "\x0bRequest\x00 title\x1b", "code": "abc\x02"})
    assert serializer.is_valid(), serializer.errors
    assert serializer.validated_data == {"title": "Request title", "code": "abc"}


@pytest.mark.django_db
def test_a_request_title_with_a_vertical_tab_through_the_api_is_stored_clean(actors):
    from rest_framework.test import APIClient

    from ctassist.assistance.models import AssistanceRequest

    client = APIClient()
    client.force_authenticate(actors.focal_point)
    response = client.post("/api/requests/", {"title": "Training\x0bof prosecutors\x01", "needs": "Needs\x0c.",
                                              "themes": ["training"]}, format="json")  # fmt: skip
    assert response.status_code == 201, response.content
    stored = AssistanceRequest.objects.get(pk=response.json()["id"])
    assert stored.title == "Training\nof prosecutors" and stored.needs == "Needs\n."


# -- exports are robust to what is already stored -----------------------------------------------


def test_xlsx_and_csv_exports_survive_stored_control_characters():
    for fmt in ("xlsx", "csv"):
        response = exports.export_response(["Title"], [["a\x0bb\x00c\x1f"]], fmt, filename="x", demo=False)
        assert response.status_code == 200
    import openpyxl

    response = exports.export_response(["Title"], [["a\x0bb\x00c"]], "xlsx", filename="x", demo=False)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "abc"


def test_every_word_document_drops_what_xml_cannot_hold():
    import docx

    document = docx.Document()
    document.add_heading("Head\x0bing", 1)
    document.add_paragraph("Para\x00graph\x1f")
    table = document.add_table(rows=1, cols=1)
    table.rows[0].cells[0].text = "Ce\x0bll"
    run = document.add_paragraph().add_run("x")
    run.text = "Ru\x01n\ufffe"
    buffer = io.BytesIO()
    document.save(buffer)
    text = [p.text for p in docx.Document(io.BytesIO(buffer.getvalue())).paragraphs]
    assert text[:2] == ["Heading", "Paragraph"] and "Run" in text


# -- numbers and years --------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_activity_in_the_year_386_or_9999_is_refused_naming_the_field(actors):
    import datetime

    from ctassist.assistance.tests.factories import make_activity

    for year in (386, 9999):
        with pytest.raises(ValidationError) as refused:
            make_activity(actors, start_date=datetime.date(year, 1, 1), end_date=datetime.date(year, 1, 2))
        assert "start_date" in refused.value.message_dict
        assert "between 1945 and 2200" in refused.value.message_dict["start_date"][0]


@pytest.mark.django_db
def test_a_participant_count_has_a_sane_bound(actors):
    from ctassist.assistance import services
    from ctassist.assistance.tests.factories import make_activity

    activity = make_activity(actors)
    with pytest.raises(ValidationError) as refused:
        services.set_participant_count(acting_user=None, activity=activity, state=actors.state, sex="women",
                                       agency="prosecution", count=9_999_999_999_999)  # fmt: skip
    assert "count" in refused.value.message_dict
    assert not activity.participant_counts.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["1", "9999", "-5", "100000"])
def test_the_calendar_answers_any_year(client, actors, year):
    client.force_login(actors.officer)
    response = client.get("/assistance/calendar/", {"year": year, "month": "12"})
    assert response.status_code == 200
    assert client.get("/assistance/calendar/", {"year": "x"}).status_code == 404


# -- the import pages and commands never answer a 500 or end in a traceback -------------------


@pytest.mark.parametrize("token", ["", "x", "a:b", "a:b:c", "eJzLSM3JyVcozy/KSQEAGgQEXQ:1abc:def", "\x00:\x00", "é" * 500])
def test_a_tampered_confirmation_payload_is_a_clear_refusal(token):
    from ctassist.core.importing import Table

    with pytest.raises(ImportRejected, match="expired or was altered"):
        Table.loads(token, "anything")


@pytest.mark.django_db
def test_the_preview_says_which_legacy_encoding_was_detected(client, actors):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ctassist.assistance.tests.factories import make_activity

    activity = make_activity(actors)
    client.force_login(actors.officer)
    content = "name,state,sex,agency,institution,consent\nJosé Müller,KEN,men,police,Sûreté générale,yes\n"
    response = client.post(reverse("assistance:participant_import", args=[activity.pk]),
                           {"file": SimpleUploadedFile("liste.csv", content.encode("cp1252"))})  # fmt: skip
    assert response.status_code == 200
    assert "text encoding detected: cp1252" in response.content.decode()
    assert response.context["plan"].rows[0].label == "José Müller"


@pytest.mark.django_db
def test_a_csv_field_over_128_kb_is_a_clear_error_on_the_page_and_in_the_command(client, actors, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import CommandError, call_command

    big = "x" * (130 * 1024)
    table = f"Participant,Signature,Ratification\nKenya,\"{big}\",\nPeru,,\n"
    client.force_login(actors.officer)
    url = reverse("treaties:participation_import", args=["financing-1999"])
    response = client.post(url, {"file": SimpleUploadedFile("status.csv", table.encode())})
    assert response.status_code == 400
    assert "longer than" in response.content.decode()
    path = tmp_path / "status.csv"
    path.write_text(table)
    with pytest.raises(CommandError, match="longer than"):
        call_command("import_participation", "financing-1999", str(path), stdout=io.StringIO())
