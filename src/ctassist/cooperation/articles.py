"""Which article of each instrument obliges cooperation for which offence: a table written as data.

Every row names the instrument (its code in ``treaties/data``), the article and what the article
does, read from the English texts in ``../shared/corpus/instruments/`` (file named in ``source``).
Those texts are an unofficial consolidation: the SUA Convention, the Fixed Platforms Protocol, the
Montreal Convention and the CPPNM are printed as amended, so rows for the amending instruments cite
the article of the consolidated text. The Beijing Protocol 2010, the Montreal Protocol 2014 and the
Plastic Explosives Convention (which defines no offence) have no rows: nothing here is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from ctassist.cooperation.choices import ArticleKind as K
from ctassist.cooperation.choices import Offence as O


@dataclass(frozen=True)
class Article:
    instrument: str
    article: str
    kind: str
    offences: tuple[str, ...]
    source: str
    note: Any = ""

    @property
    def number(self) -> str:
        """The article number as reservations cite it ("10", "3bis", "II")."""
        return self.article.split("(")[0].strip()


def _rows(instrument: str, source: str, offences: tuple[str, ...], **articles: str) -> list[Article]:
    kinds = {"offence": K.OFFENCE, "aut": K.AUT_DEDERE, "extradition": K.EXTRADITION, "mla": K.MLA}
    rows = []
    for key, numbers in articles.items():
        for number in numbers.split(","):
            rows.append(Article(instrument, number.strip(), kinds[key], offences, source))
    return rows


_AVIATION = (O.AVIATION_SAFETY, O.AIRPORT_VIOLENCE)

ARTICLES: list[Article] = [
    # Tokyo 1963: no offence of its own; offences on board are treated for extradition as also committed
    # in the State of registration (article 16), which creates no obligation to extradite.
    Article("tokyo-1963", "1", K.OFFENCE, (O.AIRCRAFT_ON_BOARD,), "tokyo_1963_BWBV0004659.md",
            _("Scope: offences against penal law committed on board.")),
    Article("tokyo-1963", "16", K.EXTRADITION, (O.AIRCRAFT_ON_BOARD,), "tokyo_1963_BWBV0004659.md",
            _("Treated as committed in the State of registration; no obligation to extradite.")),
    *_rows("hague-1970", "hague_1970_BWBV0004424.md", (O.AIRCRAFT_SEIZURE,),
           offence="1", aut="7", extradition="8", mla="10"),
    *_rows("montreal-1971", "montreal_1971_consolidated_airport_protocol_BWBV0003604.md", (O.AVIATION_SAFETY,),
           offence="1", aut="7", extradition="8", mla="11"),
    *_rows("protected-persons-1973", "protected_persons_1973_BWBV0003903.md", (O.PROTECTED_PERSONS,),
           offence="2", aut="7", extradition="8", mla="10"),
    *_rows("hostages-1979", "hostages_1979_BWBV0003905.md", (O.HOSTAGE_TAKING,),
           offence="1", aut="8", extradition="10", mla="11"),
    *_rows("cppnm-1980", "cppnm_1980_as_amended_BWBV0003800.md", (O.NUCLEAR_MATERIAL,),
           offence="7", aut="10", extradition="11", mla="13"),
    Article("cppnm-amendment-2005", "7", K.OFFENCE, (O.NUCLEAR_MATERIAL,), "cppnm_1980_as_amended_BWBV0003800.md",
            _("Article 7 of the Convention as amended.")),
    # The Airport Protocol adds paragraph 1 bis to article 1 of the Montreal Convention (its article II) and
    # is read with the Convention as one instrument (its article I); cooperation is under the Convention.
    Article("airport-protocol-1988", "II", K.OFFENCE, (O.AIRPORT_VIOLENCE,), "airport_protocol_1988_BWBV0002152.md",
            _("Inserts article 1, paragraph 1 bis, into the Montreal Convention.")),
    *[
        Article("airport-protocol-1988", f"I (Montreal Convention, article {n})", kind, (O.AIRPORT_VIOLENCE,),
                "airport_protocol_1988_BWBV0002152.md", _("Read with the Montreal Convention as one instrument."))
        for n, kind in (("7", K.AUT_DEDERE), ("8", K.EXTRADITION), ("11", K.MLA))
    ],
    *_rows("sua-1988", "sua_1988_consolidated_2005_BWBV0002724.md", (O.MARITIME,),
           offence="3", aut="10", extradition="11", mla="12"),
    *[
        Article("sua-protocol-2005", number, K.OFFENCE, (O.MARITIME,), "sua_1988_consolidated_2005_BWBV0002724.md",
                _("Article of the Convention as amended by the 2005 Protocol."))
        for number in ("3bis", "3ter", "3quater")
    ],
    *_rows("fixed-platforms-1988", "fixed_platforms_1988_consolidated_2005_BWBV0003226.md", (O.FIXED_PLATFORM,),
           offence="2"),
    *[
        Article("fixed-platforms-1988", f"1(1) (SUA Convention, article {n})", kind, (O.FIXED_PLATFORM,),
                "fixed_platforms_1988_consolidated_2005_BWBV0003226.md",
                _("Applies the SUA Convention's article mutatis mutandis."))
        for n, kind in (("10", K.AUT_DEDERE), ("11", K.EXTRADITION), ("12", K.MLA))
    ],
    *[
        Article("fixed-platforms-protocol-2005", number, K.OFFENCE, (O.FIXED_PLATFORM,),
                "fixed_platforms_1988_consolidated_2005_BWBV0003226.md",
                _("Article of the Protocol as amended in 2005."))
        for number in ("2bis", "2ter")
    ],
    *_rows("bombings-1997", "terrorist_bombings_1997_BWBV0001520.md", (O.BOMBING,),
           offence="2", aut="8", extradition="9", mla="10"),
    *_rows("financing-1999", "terrorist_financing_1999_BWBV0001518.md", (O.FINANCING,),
           offence="2", aut="10", extradition="11", mla="12"),
    *_rows("nuclear-terrorism-2005", "nuclear_terrorism_2005_BWBV0004602.md", (O.NUCLEAR_TERRORISM,),
           offence="2", aut="11", extradition="13", mla="14"),
    *_rows("beijing-convention-2010", "beijing_convention_2010_BWBV0006221.md", _AVIATION,
           offence="1", aut="10", extradition="12", mla="17"),
]  # fmt: skip


def articles_for(instrument_code: str, offence: str | None = None) -> list[Article]:
    return [a for a in ARTICLES if a.instrument == instrument_code and (offence is None or offence in a.offences)]


def instruments_for(offence: str) -> list[str]:
    """Codes of the instruments that define ``offence`` (in table order, without repeats)."""
    codes: list[str] = []
    for row in ARTICLES:
        if row.kind == K.OFFENCE and offence in row.offences and row.instrument not in codes:
            codes.append(row.instrument)
    return codes
