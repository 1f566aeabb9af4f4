"""Paragraphs linked to the instruments they name; operative headings and draft symbols stored.

The corpus facts below were read in the texts: A/RES/74/175 names the United Nations
Convention against Transnational Organized Crime in OP 2 only and never names the
Nuclear Terrorism Convention (OP 20 speaks of "nuclear terrorism as enshrined in the
conventions and protocols on terrorism", which names no instrument).
"""

from __future__ import annotations

import csv
import html
import json
from pathlib import Path

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from ctassist.core.models import ChangeLogEntry
from ctassist.mandates import instruments
from ctassist.mandates.models import Paragraph, ParagraphInstrument, Resolution
from ctassist.mandates.tests.factories import ingest_path
from ctassist.mandates.tests.test_parser_pdf import build_un_pdf
from ctassist.treaties.models import Instrument

TREATY_DATA = Path(instruments.__file__).resolve().parent.parent / "treaties" / "data"


def _titles() -> dict[str, str]:
    titles = {}
    for name in ("universal_instruments.csv", "related_instruments.csv"):
        with open(TREATY_DATA / name, encoding="utf-8", newline="") as handle:
            titles.update({row["code"]: row["official_title"] for row in csv.DictReader(handle)})
    return titles


@pytest.fixture(scope="module")
def matcher() -> instruments.Matcher:
    return instruments.Matcher(_titles(), instruments.load_names())


# --- the names, as data -------------------------------------------------------------------


def test_every_name_links_known_instruments_and_has_a_source():
    titles = _titles()
    assert len(titles) == 23
    names = instruments.load_names()
    assert {code for n in names for code in n.instruments} <= set(titles)
    assert set(titles) <= {code for n in names for code in n.instruments}  # each has a form besides its title


def test_a_name_without_a_source_is_refused(tmp_path):
    path = tmp_path / "names.json"
    path.write_text(json.dumps({"sources": {}, "names": [{"name": "X Convention", "instruments": ["x"]}]}))
    with pytest.raises(ValueError, match="names.json: name entry 1"):
        instruments.load_names(path)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Recalling the International Convention for the Suppression of Acts of Nuclear Terrorism,", {"nuclear-terrorism-2005"}),
        ("the Convention for the Suppression of Acts of Nuclear\nTerrorism", {"nuclear-terrorism-2005"}),
        ("the Convention for the Suppression of Acts of Nuclear Ter- rorism", {"nuclear-terrorism-2005"}),
        ("parties to the Nuclear Terrorism Convention and the CPPNM", {"nuclear-terrorism-2005", "cppnm-1980"}),
        ("the Amendment to the Convention on the Physical Protection of Nuclear Material", {"cppnm-amendment-2005"}),
        (
            "the Convention on the Physical Protection of Nuclear Material and its Amendment",
            {"cppnm-1980", "cppnm-amendment-2005"},
        ),
        ("the international convention against the taking of hostages", {"hostages-1979"}),
        ("the Hostage-Taking Convention", {"hostages-1979"}),
        ("the 2005 SUA Protocol and the SUA Convention", {"sua-protocol-2005", "sua-1988"}),
        ("Protocol of 2005 to the Convention for the Suppression of Unlawful Acts against the Safety of Maritime Navigation", {"sua-protocol-2005"}),
        ("Protocol to Amend the Convention on Offences and Certain Other Acts Committed on Board Aircraft", {"montreal-protocol-2014"}),
        ("the United Nations Convention against Transnational Organized Crime and the Protocols thereto", {"untoc-2000"}),
        ("the Organized Crime Convention", {"untoc-2000"}),
        ("the Trafficking in Persons Protocol", {"tip-protocol-2000"}),
        (
            "the Protocol against the Illicit Manufacturing of and Trafficking in Firearms, Their Parts and Components "
            "and Ammunition, supplementing the United Nations Convention against Transnational Organized Crime",
            {"firearms-protocol-2001"},
        ),
        # not names of these instruments
        ("links between transnational organized crime and the financing of terrorism", set()),
        ("the international conventions and protocols related to counter-terrorism", set()),
        ("nuclear terrorism as enshrined in the conventions and protocols on terrorism", set()),
        ("the Montreal Protocol on Substances that Deplete the Ozone Layer", set()),
        ("the Caribbean Firearms Roadmap", set()),
        ("the Hague Convention on the Civil Aspects of International Child Abduction", set()),
    ],
)
def test_names_found_in_the_forms_resolutions_use(matcher, text, codes):
    assert set(matcher.find(text)) == codes


def test_the_words_that_named_it_are_returned(matcher):
    found = matcher.find("Urges States to join the Terrorist Bombings Convention and the\nTerrorist Bombings  Convention")
    assert found == {"bombings-1997": ["Terrorist Bombings Convention"]}


# --- stored, shown, filtered, in the API -----------------------------------------------------


def test_the_shared_corpus_links_only_what_its_texts_name(corpus):
    links = ParagraphInstrument.objects.select_related("paragraph__resolution", "instrument")
    assert sorted((x.paragraph.resolution.symbol, x.paragraph.label, x.instrument.code) for x in links) == [
        ("A/RES/74/175", "OP 2", "untoc-2000")
    ]
    res = Resolution.objects.get(symbol="A/RES/74/175")
    assert not res.paragraphs.filter(instrument_links__instrument__code="nuclear-terrorism-2005").exists()
    assert list(res.instruments.values_list("code", flat=True)) == ["untoc-2000"]
    op2 = res.paragraphs.get(kind="operative", number=2)
    assert op2.instrument_links.get().names == ["United Nations Convention against Transnational Organized Crime"]
    # the change log records the resolution's instruments with its other fields
    entry = ChangeLogEntry.objects.filter(object_id=str(res.pk), content_type__model="resolution").latest("id")
    assert entry.after["instruments"] == [Instrument.objects.get(code="untoc-2000").pk]


def test_explorer_filters_on_the_instrument_named(client, corpus):
    url = reverse("mandates:explorer")
    page = html.unescape(client.get(url + "?instrument=untoc-2000").content.decode())
    assert '<span class="count">1 result' in page and "United Nations Convention against Transnational" in page
    assert "Mentions instrument" in page
    none = client.get(url + "?instrument=nuclear-terrorism-2005&resolution=A/RES/74/175").content.decode()
    assert '<span class="count">0 results' in none
    export = client.get(url + "?instrument=untoc-2000&export=csv").content.decode()
    assert "UNTOC" in export


def test_the_api_gives_the_instruments_and_filters_on_them(corpus):
    api = APIClient()
    data = api.get("/api/paragraphs/", {"instrument": "untoc-2000"}).json()
    assert [(p["resolution"], p["number"]) for p in data["results"]] == [("A/RES/74/175", 2)]
    assert data["results"][0]["instruments"] == [
        {
            "code": "untoc-2000",
            "short_name": "UNTOC",
            "names": ["United Nations Convention against Transnational Organized Crime"],
        }
    ]
    assert api.get("/api/paragraphs/", {"instrument": "nuclear-terrorism-2005"}).json()["results"] == []
    assert api.get("/api/paragraphs/", {"instrument": "no-such-treaty"}).status_code == 400
    detail = api.get("/api/resolutions/A/RES/74/175/").json()
    assert detail["instruments"] == ["untoc-2000"] and detail["draft_symbol"] == ""


@pytest.fixture
def lighthouses(db, tmp_path):
    """A PDF laid out as an official resolution: draft symbol A/80/L.4, a heading before OP 2, and a
    preambular paragraph that names the Nuclear Terrorism Convention."""
    return ingest_path(build_un_pdf(tmp_path / "A_RES_80_99.pdf")).resolution


def test_headings_and_the_draft_symbol_are_stored(lighthouses):
    res = lighthouses
    assert (res.draft_symbol, res.committee_report) == ("A/80/L.4", "")
    ops = list(res.paragraphs.filter(kind="operative").order_by("position"))
    assert [p.heading for p in ops] == ["", "Lighthouse financing", ""]
    assert all("Lighthouse financing" not in p.text for p in res.paragraphs.all())
    assert not res.paragraphs.filter(kind="preamble").exclude(heading="").exists()
    pp1 = res.paragraphs.get(position=1)
    assert [x.instrument.code for x in pp1.instrument_links.all()] == ["nuclear-terrorism-2005"]


def test_the_resolution_page_shows_headings_draft_symbol_and_instruments(client, lighthouses):
    page = client.get(lighthouses.get_absolute_url()).content.decode()
    assert "A/80/L.4" in page and "Draft resolution adopted" in page
    heading = page.index('<h3 class="op-heading" id="op2-heading">Lighthouse financing</h3>')
    assert page.index('id="op1"') < heading < page.index('id="op2"')
    assert reverse("treaties:instrument_detail", args=["nuclear-terrorism-2005"]) in page
    assert "Instruments named" in page and "?resolution=A/RES/80/99&amp;instrument=nuclear-terrorism-2005" in page


def test_the_api_gives_headings_and_the_draft_symbol(lighthouses):
    detail = APIClient().get("/api/resolutions/A/RES/80/99/").json()
    assert detail["draft_symbol"] == "A/80/L.4" and detail["committee_report"] == ""
    assert [p["heading"] for p in detail["paragraphs"] if p["kind"] == "operative"] == ["", "Lighthouse financing", ""]
    assert detail["instruments"] == ["nuclear-terrorism-2005"]


def test_reingesting_replaces_the_links(lighthouses, tmp_path):
    from ctassist.mandates import services
    from ctassist.mandates.parser import parse_text

    text = lighthouses.raw_text.replace("International Convention for the Suppression of Acts of Nuclear Terrorism", "lighthouse charter")
    services.ingest(acting_user=None, parsed=parse_text(text, source="again.txt"), source_name="again.txt", raw_text=text)
    res = Resolution.objects.get(pk=lighthouses.pk)
    assert not res.instruments.exists()
    assert not ParagraphInstrument.objects.filter(paragraph__resolution=res).exists()
    assert Paragraph.objects.filter(resolution=res, heading="Lighthouse financing").count() == 1
