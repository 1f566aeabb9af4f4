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

from ctassist.cooperation import articles
from ctassist.cooperation._doc_terms import TERMS
from ctassist.cooperation.choices import Assistance, RequestKind
from ctassist.cooperation.drafting import Missing, steps_for
from ctassist.cooperation.models import CooperationRequest
from ctassist.directory.choices import Channel

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title_mla": "Request for mutual legal assistance in criminal matters",
        "title_extradition": "Request for extradition",
        "reference": "Reference", "date": "Date", "from": "Requesting authority", "to": "Addressed to",
        "requesting_state": "Requesting State", "requested_state": "Requested State",
        "channel": "Channel of transmission", "basis": "Legal basis",
        "basis_intro": "This request is made under the following instruments, to which both States are party:",
        "article": "article", "other_basis": "Other basis", "facts": "Summary of the facts",
        "offence": "Offence", "offence_date": "Date of the offence", "qualification": "Legal qualification",
        "penalties": "Applicable penalties", "assistance": "Assistance requested", "details": "Details",
        "data": "Data concerned (electronic evidence)",
        "preservation_note": "The requesting authority asks that the data be preserved without delay pending "
                             "a request for their disclosure.",
        "person": "Person sought", "location": "Where the person is believed to be",
        "warrant": "Arrest warrant or judgment", "confidentiality": "Confidentiality",
        "confidential": "The requesting authority asks that this request and its contents be kept confidential.",
        "urgency": "Urgency", "urgent": "This request is urgent.", "reply_by": "Reply requested by",
        "annex": "Annex: checklist of essential elements", "complete": "provided", "incomplete": "missing",
        "status_draft": "DRAFT: not finalised",
    },
    "fr": {
        "title_mla": "Demande d'entraide judiciaire en matière pénale",
        "title_extradition": "Demande d'extradition",
        "reference": "Référence", "date": "Date", "from": "Autorité requérante", "to": "Destinataire",
        "requesting_state": "État requérant", "requested_state": "État requis",
        "channel": "Voie de transmission", "basis": "Fondement juridique",
        "basis_intro": "La présente demande est fondée sur les instruments suivants, auxquels les deux États "
                       "sont parties :",
        "article": "article", "other_basis": "Autre fondement", "facts": "Exposé des faits",
        "offence": "Infraction", "offence_date": "Date de l'infraction", "qualification": "Qualification juridique",
        "penalties": "Peines encourues", "assistance": "Entraide demandée", "details": "Précisions",
        "data": "Données concernées (preuve électronique)",
        "preservation_note": "L'autorité requérante demande la conservation immédiate des données dans l'attente "
                             "d'une demande de communication.",
        "person": "Personne recherchée", "location": "Lieu où la personne se trouverait",
        "warrant": "Mandat d'arrêt ou jugement", "confidentiality": "Confidentialité",
        "confidential": "L'autorité requérante demande que la présente demande et son contenu restent "
                        "confidentiels.",
        "urgency": "Urgence", "urgent": "La présente demande est urgente.", "reply_by": "Réponse souhaitée avant le",
        "annex": "Annexe : liste de contrôle des éléments essentiels", "complete": "fourni", "incomplete": "manquant",
        "status_draft": "PROJET : non finalisé",
    },
    "es": {
        "title_mla": "Solicitud de asistencia judicial recíproca en materia penal",
        "title_extradition": "Solicitud de extradición",
        "reference": "Referencia", "date": "Fecha", "from": "Autoridad solicitante", "to": "Destinatario",
        "requesting_state": "Estado solicitante", "requested_state": "Estado requerido",
        "channel": "Vía de transmisión", "basis": "Fundamento jurídico",
        "basis_intro": "La presente solicitud se formula en virtud de los siguientes instrumentos, en los que "
                       "ambos Estados son partes:",
        "article": "artículo", "other_basis": "Otro fundamento", "facts": "Resumen de los hechos",
        "offence": "Delito", "offence_date": "Fecha del delito", "qualification": "Calificación jurídica",
        "penalties": "Penas aplicables", "assistance": "Asistencia solicitada", "details": "Detalles",
        "data": "Datos de que se trata (prueba electrónica)",
        "preservation_note": "La autoridad solicitante pide la conservación inmediata de los datos a la espera "
                             "de una solicitud de revelación.",
        "person": "Persona reclamada", "location": "Lugar donde se encontraría la persona",
        "warrant": "Orden de detención o sentencia", "confidentiality": "Confidencialidad",
        "confidential": "La autoridad solicitante pide que la presente solicitud y su contenido se mantengan "
                        "confidenciales.",
        "urgency": "Urgencia", "urgent": "La presente solicitud es urgente.", "reply_by": "Respuesta solicitada antes del",
        "annex": "Anexo: lista de verificación de los elementos esenciales", "complete": "facilitado",
        "incomplete": "falta", "status_draft": "BORRADOR: no finalizado",
    },
}  # fmt: skip


def _label(choices: Any, code: str, language: str) -> str:
    """A choice label in the document's language (the product's catalogues translate these labels)."""
    with translation.override(language):
        return str(dict(choices).get(code, code))


def _date(value: Any, language: str) -> str:
    if not value:
        return "—"
    with translation.override(language):
        return str(formats.date_format(value, "DATE_FORMAT"))


def docx_bytes(request: CooperationRequest, missing: list[Missing], language: str | None = None) -> bytes:
    """The request as a DOCX in ``language`` (the request's own by default)."""
    from docx import Document  # reason: python-docx is heavy and only needed when a document is made
    from docx.shared import Pt

    language = language or request.language or "en"
    if language not in TEXTS:
        raise ValueError(f"No document text in {language!r}.")
    t = TEXTS[language]
    doc = Document()
    style: Any = doc.styles["Normal"]
    style.font.name = "Liberation Serif"
    style.font.size = Pt(11)
    kind = "title_mla" if request.kind == RequestKind.MLA else "title_extradition"
    doc.add_heading(t[kind], level=0)
    if request.finalised_at is None:
        doc.add_paragraph(t["status_draft"]).runs[0].bold = True
    authority = request.requested_authority
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for key, value in (
        ("reference", request.reference),
        ("date", _date(request.finalised_at or request.updated_at, language)),
        ("requesting_state", request.requesting_state.name),
        ("from", request.requesting_authority),
        ("requested_state", request.requested_state.name),
        ("to", f"{authority.name}\n{authority.address}".strip() if authority else "—"),
        ("channel", _label(Channel.choices, request.channel, language) if request.channel else "—"),
    ):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = t[key], value or "—"

    doc.add_heading(t["basis"], level=1)
    instruments = list(request.instruments.all())
    if instruments:
        doc.add_paragraph(t["basis_intro"])
        for instrument in instruments:
            cited = articles.articles_for(instrument.code, request.offence or None)
            numbers = ", ".join(a.article for a in cited)
            line = f"{instrument.official_title} ({instrument.concluded_date.year})"
            doc.add_paragraph(f"{line}: {t['article']} {numbers}" if numbers else line, style="List Bullet")
    if request.other_basis:
        doc.add_paragraph(f"{t['other_basis']}: {request.other_basis}")

    doc.add_heading(t["facts"], level=1)
    doc.add_paragraph(request.facts or "—")
    doc.add_heading(t["offence"], level=1)
    if request.offence:
        doc.add_paragraph(TERMS[language][f"offence:{request.offence}"])
    if request.offence_date:
        doc.add_paragraph(f"{t['offence_date']}: {_date(request.offence_date, language)}")
    doc.add_paragraph(f"{t['qualification']}: {request.offence_description or '—'}")
    doc.add_paragraph(f"{t['penalties']}: {request.penalties or '—'}")

    if request.kind == RequestKind.MLA:
        doc.add_heading(t["assistance"], level=1)
        for code in request.assistance_codes:
            doc.add_paragraph(TERMS[language][f"assistance:{code}"], style="List Bullet")
        doc.add_paragraph(f"{t['details']}: {request.assistance_details or '—'}")
        if request.data_identifiers:
            doc.add_heading(t["data"], level=2)
            doc.add_paragraph(request.data_identifiers)
            if Assistance.PRESERVATION in request.assistance_codes:
                doc.add_paragraph(t["preservation_note"])
    else:
        doc.add_heading(t["person"], level=1)
        doc.add_paragraph(request.person_sought or "—")
        doc.add_paragraph(f"{t['location']}: {request.person_location or '—'}")
        doc.add_paragraph(f"{t['warrant']}: {request.warrant_reference or '—'}")

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
            doc.add_paragraph(f"{t['reply_by']}: {_date(request.reply_by, language)}")

    doc.add_page_break()
    doc.add_heading(t["annex"], level=1)
    lacking = {m.field for m in missing}
    checklist = doc.add_table(rows=0, cols=2)
    checklist.style = "Table Grid"
    for step in steps_for(request.kind):
        title = TERMS[language][f"step:{step.slug}"]
        cells = checklist.add_row().cells
        ok = not lacking.intersection(step.fields)
        cells[0].text = title
        cells[1].text = ("☑ " + t["complete"]) if ok else ("☐ " + t["incomplete"])
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
