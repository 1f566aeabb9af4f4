"""The printed directory (PDF, DOCX), tables (CSV, XLSX) and contact cards (vCard).

Every function here takes entries the caller fetched through the policy and
whose reading it has already recorded (``services.record_contact_view``).
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ctassist.core.exports import demo_notice, export_response, humanize
from ctassist.directory.choices import AuthorityType
from ctassist.directory.importing import CONTACT_COLUMNS
from ctassist.directory.models import EDITABLE_FIELDS, DirectoryEntry

DOCUMENT_FORMATS = ("pdf", "docx")
# The columns the importer reads (and a few it reads past), the status right after the names.
TABLE_COLUMNS = (
    "state",
    "iso3",
    *EDITABLE_FIELDS[:3],
    "status",
    *EDITABLE_FIELDS[3:],
    *CONTACT_COLUMNS,
    "last_verified_on",
    "stale",
    "is_demo",
)
# Headings a person reads; the importer reads them back as the column names (``importing.column_key``).
_HEADINGS = {"iso3": "ISO3", "accepts_un_conventions": "Accepts UN conventions"}
_LINES = {"telephones": "telephone_list", "emails": "email_list", "legislation": "legislation_list",
          "languages_accepted": "languages", "channels_accepted": "channels"}  # fmt: skip


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _human_yes_no(value: bool | None) -> str:
    return _("not stated") if value is None else (_("yes") if value else _("no"))


def table_headings() -> list[str]:
    return [_HEADINGS.get(c) or humanize(c) for c in TABLE_COLUMNS]


def _value(entry: DirectoryEntry, name: str) -> object:
    """An editable field as the importer reads it: several values separated by "; ", yes or no."""
    value = getattr(entry, _LINES.get(name, name))
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, bool) or value is None:
        return _yes_no(value)
    return value


def table_rows(entries: Sequence[DirectoryEntry]) -> list[list]:
    """One row per entry in TABLE_COLUMNS."""
    rows = []
    for e in entries:
        people = list(e.contacts.all())
        values = {name: _value(e, name) for name in EDITABLE_FIELDS}
        values.update(
            state=e.state.name,
            iso3=e.state.iso3,
            status=e.status,
            contact_name="; ".join(p.name for p in people),
            contact_title="; ".join(p.title for p in people),
            contact_email="; ".join(p.email for p in people),
            contact_telephone="; ".join(p.telephone for p in people),
            contact_languages="; ".join(p.languages.replace(",", " ") for p in people),
            last_verified_on=e.last_verified_on.isoformat() if e.last_verified_on else "",
            stale="yes" if e.is_stale else "no",
            is_demo="yes" if e.is_demo else "no",
        )
        rows.append([values[c] for c in TABLE_COLUMNS])
    return rows


def table_export(entries: Sequence[DirectoryEntry], fmt: str) -> HttpResponse:
    return export_response(
        table_headings(),
        table_rows(entries),
        fmt,
        filename=f"directory-{timezone.localdate():%Y%m%d}",
        title=_("Directory"),
        demo=any(e.is_demo for e in entries),
    )


TYPE_ORDER = {code: i for i, code in enumerate(AuthorityType.values)}


def _grouped(entries: Sequence[DirectoryEntry]):
    """By State, then by type in the order practitioners look for them (MLA first), then by name."""
    ordered = sorted(entries, key=lambda e: (e.state.name, TYPE_ORDER.get(e.authority_type, 99), e.name))
    for state, by_state in itertools.groupby(ordered, key=lambda e: e.state):
        yield state, [(t, list(items)) for t, items in itertools.groupby(by_state, key=lambda e: e.authority_type)]


def entry_facts(entry: DirectoryEntry) -> list[tuple[str, str]]:
    """(label, text) pairs in the order a practitioner needs them: how to send, then where, then who."""
    facts = [
        (_("Channels accepted"), ", ".join(entry.channel_labels()) or _("not stated")),
        (_("Languages accepted"), ", ".join(entry.language_labels()) or _("not stated")),
        (_("UN conventions as legal basis"), _human_yes_no(entry.accepts_un_conventions)),
        (_("Urgent requests by e-mail in advance"), _human_yes_no(entry.urgent_by_email)),
    ]
    if entry.requirements:
        facts.append((_("Requirements and procedures"), entry.requirements))
    if entry.address:
        facts.append((_("Address"), entry.address))
    if entry.telephone_list:
        facts.append((_("Telephone"), "\n".join(entry.telephone_list)))
    if entry.email_list:
        facts.append((_("E-mail"), "\n".join(entry.email_list)))
    if entry.website:
        facts.append((_("Website"), entry.website))
    if entry.office_hours or entry.time_zone:
        facts.append(
            (
                _("Office hours"),
                " ".join(filter(None, [entry.office_hours, f"({entry.time_zone})" if entry.time_zone else ""])),
            )
        )
    for person in entry.contacts.all():
        parts = [person.name, person.title, person.email, person.telephone, ", ".join(person.language_labels())]
        facts.append((_("Contact person"), "\n".join(p for p in parts if p)))
    if entry.legislation_list:
        facts.append((_("Legislation"), "\n".join(entry.legislation_list)))
    verified = date_format(entry.last_verified_on) if entry.last_verified_on else _("never")
    if entry.is_stale:
        verified += " — " + _("not verified for more than 12 months")
    facts.append((_("Last verified"), verified))
    return facts


def _title() -> str:
    return _("Directory of competent national authorities")


def _notice(entries: Sequence[DirectoryEntry]) -> list[str]:
    lines = [
        _("Restricted: for the use of officials only. Printed %(date)s.") % {"date": date_format(timezone.localdate())}
    ]
    if any(e.is_demo for e in entries):
        # The same notice as every exported file holding generated data, in the document itself.
        lines.append(demo_notice() + " " + _("Entries marked [DEMO] are generated; they are not real authorities."))
    return lines


def _entry_heading(entry: DirectoryEntry) -> str:
    heading = entry.name
    if entry.name_local and entry.name_local != entry.name:
        heading += f" / {entry.name_local}"
    if entry.is_demo:
        heading = "[DEMO] " + heading
    if entry.status != "published":
        heading += f" ({entry.get_status_display()})"
    return heading


def pdf_bytes(entries: Sequence[DirectoryEntry]) -> bytes:
    from ctassist.core.pdf import LanguagePDF  # fpdf2 loads only for a PDF export

    title = _title()
    footer_text = _("Restricted: for the use of officials only")

    class DirectoryPDF(LanguagePDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(self.family, "", 7)
            self.set_text_color(90, 90, 90)
            self.cell(0, 5, f"{title} · {footer_text} · {self.page_no()}/{{nb}}", align="C")

    pdf = DirectoryPDF(get_language(), format="A4")
    family, align = pdf.family, pdf.align
    pdf.set_title(title)
    pdf.set_creator("ctassist")
    pdf.set_auto_page_break(True, margin=16)
    pdf.set_margins(16, 16, 16)
    pdf.add_page()
    pdf.set_font(family, "B", 16)
    pdf.multi_cell(0, 8, title, align=align, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 9)
    for line in _notice(entries):
        pdf.multi_cell(0, 5, line, align=align, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 5, _("%(count)s entries.") % {"count": len(entries)}, align=align, new_x="LMARGIN", new_y="NEXT")
    label_width = 52
    for state, types in _grouped(entries):
        pdf.ln(4)
        if pdf.will_page_break(30):
            pdf.add_page()
        pdf.set_font(family, "B", 13)
        pdf.set_fill_color(230, 236, 244)
        pdf.cell(0, 8, f"{state.display_name} ({state.iso3})", align=align, new_x="LMARGIN", new_y="NEXT", fill=True)
        for _type, items in types:
            for entry in items:
                pdf.ln(2)
                if pdf.will_page_break(25):
                    pdf.add_page()
                pdf.set_font(family, "B", 9)
                pdf.set_text_color(60, 60, 60)
                pdf.multi_cell(0, 5, entry.get_authority_type_display().upper(), align=align, new_x="LMARGIN",
                               new_y="NEXT")  # fmt: skip
                pdf.set_text_color(0, 0, 0)
                pdf.set_font(family, "B", 10.5)
                pdf.multi_cell(0, 5.5, _entry_heading(entry), align=align, new_x="LMARGIN", new_y="NEXT")
                for label, text in entry_facts(entry):
                    pdf.set_font(family, "B", 8.5)
                    label_height = pdf.multi_cell(label_width - 2, 4.5, label, align=align, dry_run=True, output="HEIGHT")
                    pdf.set_font(family, "", 8.5)
                    text_width = pdf.epw - label_width
                    text_height = pdf.multi_cell(text_width, 4.5, text, align=align, dry_run=True, output="HEIGHT")
                    if pdf.will_page_break(max(label_height, text_height)):
                        pdf.add_page()
                    y = pdf.get_y()
                    # Label then text, from the left; from the right in a right-to-left printout.
                    label_x = pdf.l_margin + (text_width + 2 if align == "R" else 0)
                    text_x = pdf.l_margin + (0 if align == "R" else label_width)
                    pdf.set_xy(label_x, y)
                    pdf.set_font(family, "B", 8.5)
                    pdf.multi_cell(label_width - 2, 4.5, label, align=align, new_x="LMARGIN", new_y="NEXT")
                    pdf.set_xy(text_x, y)
                    pdf.set_font(family, "", 8.5)
                    pdf.multi_cell(text_width, 4.5, text, align=align, new_x="LMARGIN", new_y="NEXT")
                    pdf.set_y(y + max(label_height, text_height))
    return bytes(pdf.output())


def docx_bytes(entries: Sequence[DirectoryEntry]) -> bytes:
    from docx import Document
    from docx.shared import Pt, RGBColor

    from ctassist.core.docx import language_of_document, right_to_left  # python-docx loads only for a DOCX export
    from ctassist.core.pdf import is_rtl, pdf_language

    language = pdf_language(get_language())
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(9.5)
    language_of_document(doc, language, font="DejaVu Sans")
    doc.core_properties.title = _title()
    doc.add_heading(_title(), 0)
    for line in _notice(entries):
        paragraph = doc.add_paragraph(line)
        if "[DEMO]" in line:
            paragraph.runs[0].font.color.rgb = RGBColor(0x9A, 0x3B, 0x00)
    doc.add_paragraph(_("%(count)s entries.") % {"count": len(entries)})
    footer = doc.sections[0].footer.paragraphs[0]
    footer.text = f"{_title()} · {_('Restricted: for the use of officials only')}"
    for state, types in _grouped(entries):
        doc.add_heading(f"{state.display_name} ({state.iso3})", 1)
        for _type, items in types:
            for entry in items:
                doc.add_heading(entry.get_authority_type_display(), 3)
                name = doc.add_paragraph()
                name.add_run(_entry_heading(entry)).bold = True
                table = doc.add_table(rows=0, cols=2)
                table.style = "Table Grid"
                for label, text in entry_facts(entry):
                    cells = table.add_row().cells
                    cells[0].text = label
                    cells[0].paragraphs[0].runs[0].bold = True
                    cells[1].text = text
                for row in table.rows:
                    row.cells[0].width = Pt(130)
                    row.cells[1].width = Pt(330)
    if is_rtl(language):
        right_to_left(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def document_response(entries: Sequence[DirectoryEntry], fmt: str) -> HttpResponse:
    name = f"directory-{timezone.localdate():%Y%m%d}.{fmt}"
    if fmt == "pdf":
        response = HttpResponse(pdf_bytes(entries), content_type="application/pdf")
    elif fmt == "docx":
        response = HttpResponse(
            docx_bytes(entries),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    else:
        raise ValueError(fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# vCard (RFC 6350) ------------------------------------------------------------------------------


def vcard_escape(value: str) -> str:
    """Escape a text value: backslash, comma, semicolon and line breaks (RFC 6350 §3.4)."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 6350 §3.2)."""
    out, current, size = [], "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with a space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += ch
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _tel(number: str) -> str:
    return "TEL;VALUE=uri;TYPE=work:tel:" + number.replace(" ", "")


def vcards(entry: DirectoryEntry) -> str:
    """The authority as an organisation card, then one card per contact person."""
    lines: list[str] = []

    def card(body: list[str]) -> None:
        lines.extend(["BEGIN:VCARD", "VERSION:4.0", *body, "END:VCARD"])

    org_name = entry.name + (f" / {entry.name_local}" if entry.name_local and entry.name_local != entry.name else "")
    note = "; ".join(
        filter(
            None,
            [
                (_("Channels") + ": " + ", ".join(entry.channel_labels())) if entry.channels else "",
                (_("Languages") + ": " + ", ".join(entry.language_labels())) if entry.languages else "",
                (_("Office hours") + ": " + entry.office_hours) if entry.office_hours else "",
                _("DEMONSTRATION DATA: not a real authority") if entry.is_demo else "",
            ],
        )
    )
    body = [
        "KIND:org",
        "FN:" + vcard_escape(org_name),
        "ORG:" + vcard_escape(entry.name),
        "CATEGORIES:" + vcard_escape(entry.get_authority_type_display()),
    ]
    if entry.address:
        body.append("ADR;TYPE=work:;;" + vcard_escape(entry.address) + ";;;;" + vcard_escape(entry.state.name))
    body += [_tel(t) for t in entry.telephone_list]
    body += ["EMAIL;TYPE=work:" + vcard_escape(e) for e in entry.email_list]
    if entry.website:
        body.append("URL:" + entry.website)
    if entry.time_zone:
        body.append("TZ:" + vcard_escape(entry.time_zone))
    for code in entry.languages:
        body.append("LANG:" + code)
    if note:
        body.append("NOTE:" + vcard_escape(note))
    card(body)
    for person in entry.contacts.all():
        body = ["KIND:individual", "FN:" + vcard_escape(person.name), "ORG:" + vcard_escape(entry.name)]
        if person.title:
            body.append("TITLE:" + vcard_escape(person.title))
        if person.email:
            body.append("EMAIL;TYPE=work:" + vcard_escape(person.email))
        if person.telephone:
            body.append(_tel(person.telephone))
        for code in [c for c in person.languages.split(",") if c]:
            body.append("LANG:" + code)
        if entry.is_demo:
            body.append("NOTE:" + vcard_escape(_("DEMONSTRATION DATA: not a real person")))
        card(body)
    return "".join(fold(line) + "\r\n" for line in lines)


def vcard_response(entry: DirectoryEntry) -> HttpResponse:
    response = HttpResponse(vcards(entry).encode("utf-8"), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="authority-{entry.state.iso3.lower()}-{entry.pk}.vcf"'
    return response
