"""Pages: empty states, the structured document, the comparisons, theme history, explorer, ingest."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ctassist.core.models import ChangeLogEntry
from ctassist.mandates.models import Paragraph, Resolution
from ctassist.mandates.tests.factories import DOCUMENTS, ingest_path

pytestmark = pytest.mark.django_db

PAGES = ("resolution_list", "compare", "theme_history", "explorer")


def _text(response) -> str:
    return response.content.decode()


def _row(html: str, anchor: str) -> str:
    """The <tr> of the comparison whose id is ``anchor``."""
    m = re.search(rf'<tr class="[a-z]+" id="{re.escape(anchor)}">(.*?)</tr>', html, re.S)
    assert m, anchor
    return m.group(0)


@pytest.mark.parametrize("name", PAGES)
def test_empty_states_say_how_to_ingest(client, name):
    response = client.get(reverse(f"mandates:{name}"))
    assert response.status_code == 200
    assert "ctassist ingest_resolution FILE..." in _text(response)
    assert "fetch_resolution" in _text(response)


def test_pages_are_public(client, corpus):
    for name in PAGES:
        assert client.get(reverse(f"mandates:{name}")).status_code == 200
    assert client.get(reverse("mandates:resolution_detail", args=["A/RES/74/175"])).status_code == 200
    assert client.get(reverse("mandates:resolution_detail", args=["A/RES/1/1"])).status_code == 404
    assert '<span class="count">5 results' in _text(client.get(reverse("mandates:resolution_list")))
    explorer = _text(client.get(reverse("mandates:explorer") + "?theme=border-management"))
    assert '<span class="count">2 results' in explorer


def test_resolution_page_is_a_structured_document(client, corpus):
    html = _text(client.get(reverse("mandates:resolution_detail", args=["A/RES/74/175"])))
    assert 'id="op9"' in html and 'id="op30"' in html
    # footnotes linked both ways: OP 2 cites footnote 6, the footnote links back to OP 2
    assert 'href="#fn6" id="ref-op2-fn6"' in html
    assert 'href="#ref-op2-fn6"' in html and 'id="fn6"' in html
    # citations of ingested resolutions are links; others are plain
    assert f'href="{reverse("mandates:resolution_detail", args=["A/RES/72/194"])}"' in html
    assert "S/RES/2178 (2014)" in html
    # themes with their trigger words
    op9 = html[html.index('id="op9"') : html.index('id="op10"')]
    assert "Biometrics" in op9 and "triggered by" in op9 and "“biometric" in op9.lower()


def test_draft_recommended_by_ecosoc_is_shown(client, corpus):
    html = _text(client.get(reverse("mandates:resolution_detail", args=["E/RES/2015/22"])))
    assert "Recommended draft resolution" in html and 'id="dop17"' in html
    assert (
        '<em class="lead">Recommends</em> to the General Assembly the adoption of the following draft resolution'
        in html
    )


def test_comparison_72_194_to_74_175(client, corpus):
    url = reverse("mandates:compare") + "?old=A/RES/72/194&new=A/RES/74/175"
    response = client.get(url)
    html = _text(response)
    comparison = response.context["comparison"]
    assert comparison.counts_for("operative") == {"unchanged": 2, "modified": 17, "moved": 0, "new": 11, "dropped": 0}
    pos = {p.number: p.position for p in Paragraph.objects.filter(resolution__symbol="A/RES/74/175", kind="operative")}
    # biometrics, CBRN and prisons are new in 74/175
    for number, words in ((9, "biometric"), (20, "chemical, biological, radiological and nuclear"), (26, "prisons")):
        row = _row(html, f"operative-n{pos[number]}")
        assert 'class="status new"' in row and words in row and "(not in this version)" in row
    # OP 30 (old OP 19): the session changes, word by word, marked without relying on colour
    row = _row(html, f"operative-n{pos[30]}")
    assert 'class="status modified"' in row
    assert re.search(r"<del><span class=\"visually-hidden\">\[deleted: </span>seventy-third", row)
    assert re.search(r"<ins><span class=\"visually-hidden\">\[inserted: </span>seventy-fifth", row)
    # OP 21 (cultural heritage -> property)
    row = _row(html, f"operative-n{pos[21]}")
    assert re.search(r"<del>.*?heritage.*?</del>", row) and re.search(r"<ins>.*?property.*?</ins>", row)
    # a preambular paragraph moved from the end to the start
    assert comparison.counts_for("preamble")["moved"] == 1
    assert '<span class="status moved">' in html
    # only changes
    only = _text(client.get(url + "&changes=1"))
    assert 'class="status unchanged"' not in only.split('<h2 id="op-title">')[1]


def test_comparison_of_the_ecosoc_draft_with_the_adopted_70_177(client, corpus):
    response = client.get(reverse("mandates:compare") + "?old=E/RES/2015/22&new=A/RES/70/177")
    comparison = response.context["comparison"]
    assert comparison.old_uses_draft and not comparison.new_uses_draft
    assert comparison.counts == {"unchanged": 34, "modified": 0, "moved": 0, "new": 0, "dropped": 0}
    html = _text(response)
    assert "read through the draft it recommends" in html and "<ins>" not in html


def test_comparison_defaults_to_a_suggested_pair_and_rejects_the_same_twice(client, corpus):
    response = client.get(reverse("mandates:compare"))
    assert response.context["comparison"].old.symbol == "A/RES/72/194"
    response = client.get(reverse("mandates:compare") + "?old=A/RES/72/194&new=A/RES/72/194")
    assert "comparison" not in response.context and "Choose two different resolutions" in _text(response)


def test_theme_history_shows_where_themes_first_appear(client, corpus):
    response = client.get(reverse("mandates:theme_history"))
    lines = {line.code: line for line in response.context["history"].lines}
    assert lines["border-management"].first.symbol == "A/RES/72/194"
    for code, number in (("biometrics", 9), ("cbrn", 20), ("prisons-radicalization", 26)):
        assert lines[code].first.symbol == "A/RES/74/175"
        assert [p.number for p in lines[code].first_paragraphs] == [number]
    assert [r.symbol for r in response.context["history"].series][0] == "A/RES/68/187"
    assert "E/RES/2015/22" not in [r.symbol for r in response.context["history"].series]
    ecosoc = client.get(reverse("mandates:theme_history") + "?body=ECOSOC").context["history"]
    assert [r.symbol for r in ecosoc.series] == ["E/RES/2015/22"]
    assert any(line.first for line in ecosoc.lines), "ECOSOC read through its draft"


def test_explorer_filters_and_exports(client, corpus):
    url = reverse("mandates:explorer")
    response = client.get(url + "?theme=biometrics")
    rows = list(response.context["table"].rows)
    assert [(r.record.resolution.symbol, r.record.number) for r in rows] == [("A/RES/74/175", 9)]
    response = client.get(url + "?addressee=secretary-general&resolution=A/RES/74/175")
    assert {r.record.number for r in response.context["table"].rows} == {29, 30}
    response = client.get(url + "?verb=urges")
    assert all(r.record.verb == "urges" for r in response.context["table"].rows)
    assert client.get(url + "?kind=draft-operative").context["table"].rows[0].record.kind == "draft-operative"
    export = client.get(url + "?theme=cbrn&export=csv")
    assert export.status_code == 200 and "chemical, biological, radiological" in export.content.decode()
    assert client.get(url + "?theme=cbrn&export=xlsx").status_code == 200


def test_query_counts_do_not_grow(client, corpus, django_assert_max_num_queries):
    # one resolution's page and the explorer at two data sizes: 15 and 30 operative paragraphs
    for symbol in ("A/RES/68/187", "A/RES/74/175"):
        with django_assert_max_num_queries(12):
            client.get(reverse("mandates:resolution_detail", args=[symbol]))
    for query in ("?resolution=A/RES/68/187", ""):
        with django_assert_max_num_queries(12):
            client.get(reverse("mandates:explorer") + query)
    with django_assert_max_num_queries(14):
        client.get(reverse("mandates:compare") + "?old=A/RES/72/194&new=A/RES/74/175")
    with django_assert_max_num_queries(10):
        client.get(reverse("mandates:theme_history"))


# --- ingest page ----------------------------------------------------------------------


def _upload(name: str, data: bytes):
    return {"file": SimpleUploadedFile(name, data)}


def test_ingest_page_preview_then_confirm(client, actors):
    client.force_login(actors.officer)
    data = (DOCUMENTS / "A_RES_100_902.md").read_bytes()
    response = client.post(reverse("mandates:ingest"), _upload("A_RES_100_902.md", data))
    assert response.status_code == 200
    html = _text(response)
    assert "A/RES/100/902" in html and "Preview" in html and not Resolution.objects.exists()
    confirm = response.context["confirm_form"]
    response = client.post(
        reverse("mandates:ingest"),
        {"confirm": "1", "text": confirm.initial["text"], "source_name": confirm.initial["source_name"]},
    )
    res = Resolution.objects.get(symbol="A/RES/100/902")
    assert response.status_code == 302 and response["Location"] == res.get_absolute_url()
    assert res.source_name == "A_RES_100_902.md"
    # the same file again: the preview says it updates the stored resolution
    response = client.post(reverse("mandates:ingest"), _upload("A_RES_100_902.md", data))
    assert "This will update A/RES/100/902" in _text(response)


def test_ingest_page_reads_docx(client, actors, tmp_path):
    from ctassist.mandates.tests.builders import build_docx_plain

    path = build_docx_plain(tmp_path / "res.docx")
    client.force_login(actors.admin)
    response = client.post(reverse("mandates:ingest"), _upload("res.docx", path.read_bytes()))
    assert response.status_code == 200 and response.context["parsed"].symbol


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("junk.pdf", b"this is not a pdf at all", "junk.pdf"),
        ("notes.txt", b"Shopping list: milk, eggs, bread.\n", "notes.txt"),
        ("image.png", b"\x89PNG\r\n", "Upload a .txt, .md, .docx or .pdf file"),
    ],
)
def test_bad_files_get_a_clear_message_and_nothing_is_written(client, actors, name, data, message):
    client.force_login(actors.officer)
    response = client.post(reverse("mandates:ingest"), _upload(name, data))
    assert response.status_code == 400
    assert message in _text(response)
    assert (
        not Resolution.objects.exists() and not ChangeLogEntry.objects.filter(object_repr__startswith="A/RES").exists()
    )


def test_tampered_confirmation_is_refused(client, actors):
    client.force_login(actors.officer)
    response = client.post(reverse("mandates:ingest"), {"confirm": "1", "text": "nonsense", "source_name": "x.txt"})
    assert response.status_code == 400 and not Resolution.objects.exists()


@pytest.mark.parametrize("role", ["focal_point", "partner", "donor"])
def test_ingest_is_for_unodc_staff(client, actors, role):
    client.force_login(actors.user(role))
    assert client.get(reverse("mandates:ingest")).status_code == 403
    response = client.post(reverse("mandates:ingest"), _upload("a.md", (DOCUMENTS / "A_RES_100_902.md").read_bytes()))
    assert response.status_code == 403 and not Resolution.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("mandates:ingest"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_upload_button_only_for_staff(client, actors):
    ingest_path(DOCUMENTS / "A_RES_100_902.md")
    assert reverse("mandates:ingest") not in _text(client.get(reverse("mandates:resolution_list")))
    client.force_login(actors.officer)
    assert reverse("mandates:ingest") in _text(client.get(reverse("mandates:resolution_list")))


def test_each_side_keeps_its_own_spelling(client, corpus):
    """72/194 OP 2 "Encourages" became 74/175 OP 3 "Also encourages": the old side keeps its capital."""
    response = client.get(reverse("mandates:compare") + "?old=A/RES/72/194&new=A/RES/74/175")
    row = next(r for r in response.context["comparison"].rows if r.new and r.new.number == 3 and r.kind == "operative")
    assert row.old.number == 2 and row.status == "modified"
    old_side = "".join((" " if s.space_before else "") + s.text for s in row.old_segments)
    new_side = "".join((" " if s.space_before else "") + s.text for s in row.new_segments)
    assert old_side == row.old.text and new_side == row.new.text
    assert row.inserted[0] == "Also"


@pytest.mark.parametrize("pair", [("A/RES/72/194", "A/RES/74/175"), ("A/RES/68/187", "A/RES/70/177")])
def test_rendered_sides_rebuild_both_texts_exactly(client, corpus, pair):
    response = client.get(reverse("mandates:compare"), {"old": pair[0], "new": pair[1]})
    for row in response.context["comparison"].rows:
        if row.old_segments:
            assert "".join((" " if s.space_before else "") + s.text for s in row.old_segments) == row.old.text
            assert "".join((" " if s.space_before else "") + s.text for s in row.new_segments) == row.new.text
