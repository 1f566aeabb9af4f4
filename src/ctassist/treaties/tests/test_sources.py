"""Reference facts cite their owners: the depositaries or the instrument's text, never a mirror site."""

from __future__ import annotations

import csv
import datetime
import html
import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from ctassist.treaties import sources
from ctassist.treaties.demo import demo_share
from ctassist.treaties.models import Instrument
from ctassist.treaties.periods import DATA as PERIODS

pytestmark = pytest.mark.django_db

DATA_FILES = sorted(sources.DATA_DIR.glob("*.csv")) + [sources.DATA_DIR / "SOURCES.md"]
UNTC = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={}&chapter=18"
# Words of the old research notes and secondary sources that must never reach a user.
RESEARCH_WORDS = ("not verified in corpus", "infobox", "wikipedia", "wikimili", "SOURCES.md", "(text) /")


def _codes() -> set[str]:
    codes = set()
    for name in ("universal_instruments.csv", "related_instruments.csv"):
        with open(sources.DATA_DIR / name, encoding="utf-8", newline="") as handle:
            codes |= {row["code"] for row in csv.DictReader(handle)}
    return codes


# --- the data ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_every_address_in_the_treaties_data_belongs_to_an_owner(path):
    text = path.read_text(encoding="utf-8")
    for url in sources.urls_in(text):
        sources.check_url(url, path.name)  # raises, naming the file and the address


def test_every_instrument_has_a_source_for_each_fact():
    table = sources.read()
    codes = _codes()
    assert len(codes) == 23 and set(table) == codes
    for code in codes:
        for fact in sources.REQUIRED:
            assert table[code][fact].citation and table[code][fact].url, (code, fact)


def test_a_parties_count_is_kept_only_with_the_depositarys_statement_and_date():
    table = sources.read()
    with open(sources.DATA_DIR / "universal_instruments.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    counted = {row["code"]: row for row in rows if row["parties_reported"]}
    for code, row in counted.items():
        assert row["parties_reported"].isdigit(), row  # one figure, never "127 (text) / 124 (infobox)"
        datetime.date.fromisoformat(row["parties_as_of"])  # an "as at" date, not "undated"
        assert "parties" in table[code], code
    # The one count the depositary's page states with its date (UNTC XVIII-5, status as at 18-04-2024).
    assert counted["hostages-1979"]["parties_reported"] == "176"
    assert table["hostages-1979"]["parties"].url == UNTC.format("XVIII-5")
    # Every other count is unverified: empty, with no "parties" source pretending otherwise.
    assert {code for code in table if "parties" in table[code]} == set(counted)


def test_the_un_instruments_cite_their_treaty_collection_chapter():
    table = sources.read()
    for instrument in Instrument.objects.exclude(untc_ref=""):
        assert table[instrument.code]["status"].url == UNTC.format(instrument.untc_ref), instrument.code


def test_the_texts_settle_the_airport_protocols_depositaries():
    """Art. V(3) of the 1988 Protocol names four Depositaries: the USSR, the UK, the US and ICAO."""
    instrument = Instrument.objects.get(code="airport-protocol-1988")
    assert "International Civil Aviation Organization" in instrument.depositary
    assert all(name in instrument.depositary for name in ("Russian Federation", "United Kingdom", "United States"))
    assert sources.sources_for("airport-protocol-1988")["depositary"].citation.startswith("Article V, paragraph 3")


def test_every_signature_period_cites_its_article():
    with open(PERIODS, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            assert row["article"].startswith("Article"), row


@pytest.mark.parametrize(
    "url",
    [
        "https://en.wikipedia.org/wiki/Hostages_Convention",
        "https://wikimili.com/en/Hostages_Convention",
        "https://docslib.org/doc/1/convention",
        "http://treaties.un.org/Pages/ViewDetails.aspx",  # the owner, but not over https
        "https://treaties.un.org.example.com/",  # looks like the owner, is not
        "https://notun.org/",
        "https://www.taylorfrancis.com/books/e/9781317114314",
    ],
)
def test_a_mirror_address_is_refused(url):
    with pytest.raises(ValueError, match="is not a source owned by a depositary"):
        sources.check_url(url, "example")


def test_a_fact_source_file_with_a_mirror_is_refused_naming_line_and_field(tmp_path):
    path = tmp_path / "fact_sources.csv"
    path.write_text(
        "code,fact,citation,url\n"
        f"hostages-1979,status,UN Treaty Collection,{UNTC.format('XVIII-5')}\n"
        "hostages-1979,parties,Wikipedia infobox,https://en.wikipedia.org/wiki/Hostages_Convention\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"fact_sources.csv, line 3, field url: https://en.wikipedia.org"):
        sources.read(path)
    path.write_text("code,fact,citation,url\nhostages-1979,status,,https://treaties.un.org/\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2, field citation: empty"):
        sources.read(path)


# --- what users see ------------------------------------------------------------------------------


def test_the_instrument_page_links_each_facts_source(client):
    body = client.get(reverse("treaties:instrument_detail", args=["hostages-1979"])).content.decode()
    cited = sources.sources_for("hostages-1979")
    for fact in ("adoption", "entry_into_force", "depositary", "parties", "status"):
        assert f'href="{html.escape(cited[fact].url)}"' in body, fact
        assert html.escape(cited[fact].citation) in body, fact
    assert "176 (as at 18 April 2024)" in body
    assert "Article 17, paragraph 1" in body  # the signature period's article


def test_an_unverified_count_says_so_and_links_where_to_check(client):
    body = client.get(reverse("treaties:instrument_detail", args=["tokyo-1963"])).content.decode()
    facts = body.split('<dl class="facts">', 1)[1].split("</dl>", 1)[0]
    count = facts.split("Parties reported by the source</dt><dd>", 1)[1].split("</dd>", 1)[0]
    assert count.startswith("unverified")
    assert f'href="{html.escape(sources.sources_for("tokyo-1963")["status"].url)}"' in count


@pytest.mark.parametrize("code", ["airport-protocol-1988", "nuclear-terrorism-2005", "cppnm-1980", "untoc-2000"])
def test_no_research_note_reaches_the_page_the_list_or_the_api(client, code):
    shown = [
        client.get(reverse("treaties:instrument_detail", args=[code])).content.decode(),
        client.get(reverse("treaties:instrument_list")).content.decode(),
        client.get(reverse("treaties:instrument_list") + "?export=csv").content.decode("utf-8-sig"),
        json.dumps(APIClient().get(f"/api/instruments/{code}/").json()),
    ]
    for text in shown:
        for word in RESEARCH_WORDS:
            assert word.lower() not in text.lower(), (word, text[:200])


def test_the_api_gives_each_count_its_source_or_where_to_check():
    hostages = APIClient().get("/api/instruments/hostages-1979/").json()
    assert hostages["parties_reported"] == "176" and hostages["parties_as_of"] == "2024-04-18"
    assert UNTC.format("XVIII-5") in hostages["parties_source"] and not hostages["notes"]
    assert {s["fact"]: s["url"] for s in hostages["fact_sources"]}["parties"] == UNTC.format("XVIII-5")
    tokyo = APIClient().get("/api/instruments/tokyo-1963/").json()
    assert tokyo["parties_reported"] == "" and "icao.int" in tokyo["parties_source"]
    assert "icao.int" in tokyo["dates_source"]
    cited = {s["fact"]: s for s in tokyo["fact_sources"]}
    assert set(cited) == set(sources.REQUIRED)  # no "parties": the count is unverified
    assert cited["depositary"]["citation"].startswith("Article 20, paragraph 2")


# --- demonstration data sized without an unverified count ------------------------------------------------


def test_generated_data_fall_back_on_the_years_in_force_when_the_count_is_unverified():
    today = datetime.date(2026, 6, 30)
    tokyo, beijing = Instrument.objects.get(code="tokyo-1963"), Instrument.objects.get(code="beijing-protocol-2010")
    hostages = Instrument.objects.get(code="hostages-1979")
    assert tokyo.parties_reported_number is None and beijing.parties_reported_number is None
    assert 0.1 < demo_share(beijing, today) < demo_share(tokyo, today) <= 0.9
    assert demo_share(hostages, today) == pytest.approx(176 / 195)
    before = datetime.date(2017, 1, 1)  # before the Beijing Protocol entered into force
    assert demo_share(beijing, before) == 0.1


def test_loading_a_count_without_the_depositarys_statement_is_refused(monkeypatch):
    from ctassist.treaties import services

    cited = sources.sources_for("hostages-1979")
    monkeypatch.setattr(sources, "sources_for", lambda code: {k: v for k, v in cited.items() if k != "parties"})
    with pytest.raises(ValueError, match="a parties count without the depositary's statement"):
        services.load_instruments(acting_user=None)
    assert Instrument.objects.get(code="hostages-1979").parties_source.startswith("UN Treaty Collection, chapter XVIII-5")
