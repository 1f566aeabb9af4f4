"""The request as a document (DOCX) in the language the requested State accepts.

The fixed text of the document is written here for each language the documents are produced in: it
is the text of a legal document in the requested State's language, not the user interface, so it does
not follow the language of the page. What the drafting authority wrote (facts, qualification,
penalties, details) stays as written. The annex is the checklist of essential elements.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils import formats, translation
from django.utils.translation import npgettext, pgettext_lazy

from ctassist.cooperation import articles
from ctassist.cooperation._doc_terms import TERMS
from ctassist.cooperation.choices import DOCUMENT_LANGUAGES, Assistance, RequestKind
from ctassist.cooperation.drafting import Missing, steps_for
from ctassist.cooperation.models import CooperationRequest
from ctassist.directory.choices import Channel

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The fixed text, in the context "legal document": translators render it as the text of a legal
# document in that language, which may differ from the same words in the interface.
TEXTS: dict[str, Any] = {
    "title_mla": pgettext_lazy("legal document", "Request for mutual legal assistance in criminal matters"),
    "title_extradition": pgettext_lazy("legal document", "Request for extradition"),
    "reference": pgettext_lazy("legal document", "Reference"),
    "date": pgettext_lazy("legal document", "Date"),
    "from": pgettext_lazy("legal document", "Requesting authority"),
    "to": pgettext_lazy("legal document", "Addressed to"),
    "requesting_state": pgettext_lazy("legal document", "Requesting State"),
    "requested_state": pgettext_lazy("legal document", "Requested State"),
    "channel": pgettext_lazy("legal document", "Channel of transmission"),
    "basis": pgettext_lazy("legal document", "Legal basis"),
    "basis_intro": pgettext_lazy(
        "legal document", "This request is made under the following instruments, to which both States are party:"
    ),
    "other_basis": pgettext_lazy("legal document", "Other basis"),
    "facts": pgettext_lazy("legal document", "Summary of the facts"),
    "offence": pgettext_lazy("legal document", "Offence"),
    "offence_date": pgettext_lazy("legal document", "Date of the offence"),
    "qualification": pgettext_lazy("legal document", "Legal qualification"),
    "penalties": pgettext_lazy("legal document", "Applicable penalties"),
    "assistance": pgettext_lazy("legal document", "Assistance requested"),
    "details": pgettext_lazy("legal document", "Details"),
    "data": pgettext_lazy("legal document", "Data concerned (electronic evidence)"),
    "preservation_note": pgettext_lazy(
        "legal document",
        "The requesting authority asks that the data be preserved without delay pending a request for their disclosure.",
    ),
    "person": pgettext_lazy("legal document", "Person sought"),
    "location": pgettext_lazy("legal document", "Where the person is believed to be"),
    "warrant": pgettext_lazy("legal document", "Arrest warrant or judgment"),
    "confidentiality": pgettext_lazy("legal document", "Confidentiality"),
    "confidential": pgettext_lazy(
        "legal document", "The requesting authority asks that this request and its contents be kept confidential."
    ),
    "urgency": pgettext_lazy("legal document", "Urgency"),
    "urgent": pgettext_lazy("legal document", "This request is urgent."),
    "reply_by": pgettext_lazy("legal document", "Reply requested by"),
    "annex": pgettext_lazy("legal document", "Annex: checklist of essential elements"),
    "complete": pgettext_lazy("legal document", "provided"),
    "incomplete": pgettext_lazy("legal document", "missing"),
    "status_draft": pgettext_lazy("legal document", "DRAFT: not finalised"),
}


def _label(choices: Any, code: str) -> str:
    """A choice label in the document's language (the product's catalogues translate these labels)."""
    return str(dict(choices).get(code, code))


def _date(value: Any) -> str:
    return str(formats.date_format(value, "DATE_FORMAT")) if value else "—"


def _articles(numbers: list[str]) -> str:
    return npgettext("legal document", "article %(numbers)s", "articles %(numbers)s", len(numbers)) % {
        "numbers": ", ".join(numbers)
    }


def _iso(value: str) -> str:
    """``value`` isolated from the direction of the text around it, in a right-to-left document: English
    written by the drafting authority keeps its punctuation where it belongs inside an Arabic sentence."""
    return f"\u2068{value}\u2069" if translation.get_language_bidi() else value


# The catalogue of a document language where its code differs (Chinese documents are in simplified script).
CATALOGUE = {"zh": "zh-hans"}


def docx_bytes(request: CooperationRequest, missing: list[Missing], language: str | None = None) -> bytes:
    """The request as a DOCX in ``language`` (the request's own by default)."""
    language = language or request.language or "en"
    if language not in dict(DOCUMENT_LANGUAGES):
        raise ValueError(f"No document text in {language!r}.")
    with translation.override(CATALOGUE.get(language, language)):
        return _docx(request, missing)


def _docx(request: CooperationRequest, missing: list[Missing]) -> bytes:
    from docx import Document  # reason: python-docx is heavy and only needed when a document is made
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from ctassist.core.docx import right_to_left  # reason: it loads python-docx too

    t = {key: str(text) for key, text in TEXTS.items()}
    doc = Document()
    style: Any = doc.styles["Normal"]
    style.font.name = "Liberation Serif"
    style.font.size = Pt(11)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")  # Chinese; Arabic takes the complex-script font below
    fonts.set(qn("w:cs"), "Noto Naskh Arabic")
    kind = "title_mla" if request.kind == RequestKind.MLA else "title_extradition"
    doc.add_heading(t[kind], level=0)
    if request.finalised_at is None:
        doc.add_paragraph(t["status_draft"]).runs[0].bold = True
    authority = request.requested_authority
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for key, value in (
        ("reference", request.reference),
        ("date", _date(request.finalised_at or request.updated_at)),
        ("requesting_state", request.requesting_state.display_name),
        ("from", request.requesting_authority),
        ("requested_state", request.requested_state.display_name),
        ("to", f"{authority.name}\n{authority.address}".strip() if authority else "—"),
        ("channel", _label(Channel.choices, request.channel) if request.channel else "—"),
    ):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = t[key], value or "—"

    doc.add_heading(t["basis"], level=1)
    instruments = list(request.instruments.all())
    if instruments:
        doc.add_paragraph(t["basis_intro"])
        for instrument in instruments:
            cited = articles.articles_for(instrument.code, request.offence or None)
            numbers = [a.article for a in cited]
            line = f"{instrument.official_title} ({instrument.concluded_date.year})"
            doc.add_paragraph(f"{_iso(line)}: {_articles(numbers)}" if numbers else _iso(line), style="List Bullet")
    if request.other_basis:
        doc.add_paragraph(f"{t['other_basis']}: {_iso(request.other_basis)}")

    doc.add_heading(t["facts"], level=1)
    doc.add_paragraph(request.facts or "—")
    doc.add_heading(t["offence"], level=1)
    if request.offence:
        doc.add_paragraph(str(TERMS[f"offence:{request.offence}"]))
    if request.offence_date:
        doc.add_paragraph(f"{t['offence_date']}: {_iso(_date(request.offence_date))}")
    doc.add_paragraph(f"{t['qualification']}: {_iso(request.offence_description or '—')}")
    doc.add_paragraph(f"{t['penalties']}: {_iso(request.penalties or '—')}")

    if request.kind == RequestKind.MLA:
        doc.add_heading(t["assistance"], level=1)
        for code in request.assistance_codes:
            doc.add_paragraph(str(TERMS[f"assistance:{code}"]), style="List Bullet")
        doc.add_paragraph(f"{t['details']}: {_iso(request.assistance_details or '—')}")
        if request.data_identifiers:
            doc.add_heading(t["data"], level=2)
            doc.add_paragraph(request.data_identifiers)
            if Assistance.PRESERVATION in request.assistance_codes:
                doc.add_paragraph(t["preservation_note"])
    else:
        doc.add_heading(t["person"], level=1)
        doc.add_paragraph(request.person_sought or "—")
        doc.add_paragraph(f"{t['location']}: {_iso(request.person_location or '—')}")
        doc.add_paragraph(f"{t['warrant']}: {_iso(request.warrant_reference or '—')}")

    if request.confidential:
        doc.add_heading(t["confidentiality"], level=1)
        doc.add_paragraph(t["confidential"])
        doc.add_paragraph(request.confidentiality_reasons)
    if request.urgent or request.reply_by:
        doc.add_heading(t["urgency"], level=1)
        if request.urgent:
            doc.add_paragraph(t["urgent"])
            doc.add_paragraph(request.urgency_reasons)
        if request.reply_by:
            doc.add_paragraph(f"{t['reply_by']}: {_iso(_date(request.reply_by))}")

    doc.add_page_break()
    doc.add_heading(t["annex"], level=1)
    lacking = {m.field for m in missing}
    checklist = doc.add_table(rows=0, cols=2)
    checklist.style = "Table Grid"
    for step in steps_for(request.kind):
        title = str(TERMS[f"step:{step.slug}"])
        cells = checklist.add_row().cells
        ok = not lacking.intersection(step.fields)
        cells[0].text = title
        cells[1].text = ("☑ " + t["complete"]) if ok else ("☐ " + t["incomplete"])
    if translation.get_language_bidi():
        right_to_left(doc, keep_left_to_right=True)  # the facts as written in English stay left to right
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
