"""The ingest service: create, update by symbol, change log and events, refusals, stored tags."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

from ctassist.core.models import ChangeLogEntry, DomainEvent
from ctassist.mandates import services, tagging
from ctassist.mandates.events import MandateEvent
from ctassist.mandates.models import Citation, Paragraph, ParagraphAddressee, ParagraphTheme, Resolution
from ctassist.mandates.parser import parse_file, parse_text
from ctassist.mandates.tests.factories import CORPUS, DOCUMENTS, ingest_path, needs_corpus

pytestmark = pytest.mark.django_db


def _log(resolution):
    return ChangeLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Resolution), object_id=str(resolution.pk)
    ).order_by("id")


def test_ingest_creates_the_resolution_and_its_parts(actors):
    result = ingest_path(DOCUMENTS / "A_RES_100_902.md", acting_user=actors.officer)
    res = result.resolution
    assert result.created and res.symbol == "A/RES/100/902" and not res.is_demo
    assert res.source_name == "A_RES_100_902.md" and "Lighthouses" in res.raw_text
    parsed = parse_file(DOCUMENTS / "A_RES_100_902.md")
    assert res.parsed == parsed.to_dict()
    assert res.paragraphs.filter(kind="preamble").count() == len(parsed.preamble)
    op2 = res.paragraphs.get(kind="operative", number=2)
    assert [s["label"] for s in op2.subparagraphs][:3] == ["(a)", "(b)", "(c)"]
    assert [a.title for a in res.annexes.all()] == [a.title for a in parsed.annexes]
    assert res.annexes.first().title == "Declaration on Lighthouses"
    assert res.footnote_set.count() == len(parsed.footnotes)
    assert [c.symbol for c in res.citations.all()] == [s for s in parsed.citations if s != res.symbol]
    [entry] = _log(res)
    assert entry.action == "create" and entry.user == actors.officer
    assert entry.after["counts"]["operative"] == len(parsed.operative)
    event = DomainEvent.objects.get(type=MandateEvent.RESOLUTION_INGESTED.value, object_id=str(res.pk))
    assert event.data["counts"]["operative"] == len(parsed.operative)


def test_reingesting_the_same_symbol_updates_and_logs_what_changed(actors):
    path = DOCUMENTS / "A_RES_100_902.md"
    first = ingest_path(path, acting_user=actors.admin).resolution
    first_ids = set(first.paragraphs.values_list("pk", flat=True))
    text = path.read_text(encoding="utf-8")
    changed = text.replace(
        "Also requests* the Secretary-General to report", "Also requests* the Secretary-General to report annually"
    )
    assert changed != text
    result = services.ingest(
        acting_user=actors.officer, parsed=parse_text(changed, source="v2.md"), source_name="v2.md", raw_text=changed
    )
    assert not result.created and result.resolution.pk == first.pk
    assert Resolution.objects.filter(symbol="A/RES/100/902").count() == 1
    assert not first_ids & set(result.resolution.paragraphs.values_list("pk", flat=True)), "paragraphs replaced"
    assert result.changes["modified"] == 1 and "new" not in result.changes
    entries = list(_log(first))
    assert [e.action for e in entries] == ["create", "update"]
    update = entries[1]
    assert update.before["source_name"] == "A_RES_100_902.md" and update.after["source_name"] == "v2.md"
    assert "source_name" in update.changed_fields() and "raw_text" in update.changed_fields()
    event = DomainEvent.objects.get(type=MandateEvent.RESOLUTION_UPDATED.value)
    assert event.data["paragraph_changes"]["modified"] == 1
    assert event.user == actors.officer


def test_only_unodc_staff_ingest_and_nothing_is_written(actors):
    parsed = parse_file(DOCUMENTS / "A_RES_100_902.md")
    for role in ("focal_point", "partner", "donor"):
        with pytest.raises(PermissionDenied):
            services.ingest(acting_user=actors.user(role), parsed=parsed, source_name="x.md", raw_text="")
    assert not Resolution.objects.exists() and not Paragraph.objects.exists()


def test_ingest_refuses_what_is_not_a_parsed_resolution():
    with pytest.raises(TypeError):
        services.ingest(acting_user=None, parsed={"symbol": "A/RES/1/1"}, source_name="x", raw_text="")


def test_citations_resolve_in_either_order():
    later = ingest_path(DOCUMENTS / "A_RES_100_902.md").resolution  # cites 99/901, not yet ingested
    citation = later.citations.get(symbol="A/RES/99/901")
    assert citation.cited is None
    earlier = ingest_path(DOCUMENTS / "A_RES_99_901.txt").resolution
    citation.refresh_from_db()
    assert citation.cited == earlier


@needs_corpus
def test_stored_tags_agree_with_the_tagger(corpus):
    """After ingesting the corpus, every paragraph's stored themes and addressees are the tagger's."""
    paragraphs = Paragraph.objects.prefetch_related("themes", "addressees")
    assert paragraphs.count() == sum(
        sum(r.counts[k] for k in r.counts if k in {"preamble", "operative", "draft_preamble", "draft_operative"})
        for r in (x.resolution for x in corpus.values())
    )
    for p in paragraphs:
        expected = {m.code: list(m.triggers) for m in tagging.tag_themes(p.text)}
        assert {t.theme: t.triggers for t in p.themes.all()} == expected, p
        if p.is_operative:
            expected_a = {m.code: list(m.triggers) for m in tagging.tag_addressees(p.text, p.verb or None)}
            assert {a.addressee: a.triggers for a in p.addressees.all()} == expected_a, p
        else:
            assert not p.addressees.exists()
    # and the stored rows score against the hand labels as the library does
    labels = tagging.corpus_labels(CORPUS.parent)
    stored = {}
    for p in paragraphs.select_related("resolution"):
        stored[(p.resolution.symbol, p.kind, p.text)] = {t.theme for t in p.themes.all()}
    scores = tagging.Scores()
    for lab in labels:
        kind = {"operative": "operative", "draft": "draft-operative", "preamble": "preamble"}[lab.part]
        scores.add(lab.themes, stored[(lab.symbol, kind, lab.text)])
    assert scores.precision() >= 0.9 and scores.recall() >= 0.9


@needs_corpus
def test_corpus_ingest_links_citations_and_keeps_the_draft(corpus):
    ecosoc = corpus["E/RES/2015/22"].resolution
    assert ecosoc.paragraphs.filter(kind="draft-operative").count() == 17
    assert ecosoc.paragraphs.filter(kind="operative").count() == 1
    assert Citation.objects.get(resolution__symbol="A/RES/74/175", symbol="A/RES/72/194").cited.symbol == "A/RES/72/194"
    assert ParagraphTheme.objects.filter(theme="biometrics", paragraph__resolution__symbol="A/RES/74/175").exists()
    assert ParagraphAddressee.objects.filter(addressee="unodc", paragraph__kind="operative").count() > 10
    assert all(not r.resolution.is_demo for r in corpus.values())
