"""Certificates as PDF: fpdf2 with the DejaVu fonts the project bundles (``reporting/static/reporting/fonts``).

The text is in the participant's language where the bundled fonts can set it (English, French,
Spanish, Russian, Portuguese); Arabic needs text shaping and Chinese glyphs the bundled fonts lack,
so those certificates are set in English, with the names as recorded.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from ctassist.training.models import Certificate

FONTS = Path(settings.PACKAGE_DIR) / "reporting" / "static" / "reporting" / "fonts"
# Languages the bundled fonts set correctly → the Django language to translate into.
PDF_LANGUAGES = {"en": "en", "fr": "fr", "es": "es", "ru": "ru", "pt": "en"}


def certificate_language(certificate: Certificate) -> str:
    return PDF_LANGUAGES.get(certificate.language, "en")


def certificate_pdf(certificate: Certificate, *, verify_url: str) -> bytes:
    nomination = certificate.nomination
    session = nomination.session
    with translation.override(certificate_language(certificate)):
        pdf = FPDF(orientation="L", format="A4")
        pdf.set_auto_page_break(auto=False)
        pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        pdf.add_page()
        pdf.set_draw_color(0, 84, 140)
        pdf.set_line_width(1.2)
        pdf.rect(10, 10, 277, 190)
        pdf.set_y(30)
        pdf.set_font("DejaVu", "", 12)
        pdf.cell(0, 8, _("United Nations Office on Drugs and Crime"), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(8)
        pdf.set_font("DejaVu", "B", 26)
        pdf.cell(0, 14, _("Certificate of completion"), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(8)
        pdf.set_font("DejaVu", "", 13)
        pdf.cell(0, 8, _("This is to certify that"), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "B", 20)
        pdf.cell(0, 14, nomination.person.full_name, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 13)
        pdf.cell(0, 8, _("has completed the course"), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "B", 16)
        pdf.multi_cell(0, 10, session.course.title, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 11)
        activity = session.activity
        where = activity.place or _("online")
        pdf.cell(0, 8, f"{activity.start_date:%d.%m.%Y} – {activity.end_date:%d.%m.%Y} · {where}", align="C",
                 new_x="LMARGIN", new_y="NEXT")  # fmt: skip
        pdf.cell(0, 8, _("%(hours)s hours") % {"hours": session.course.duration_hours}, align="C", new_x="LMARGIN",
                 new_y="NEXT")  # fmt: skip
        pdf.set_y(165)
        pdf.set_font("DejaVu", "", 9)
        pdf.cell(0, 6, _("Issued on %(date)s") % {"date": f"{certificate.issued_on:%d.%m.%Y}"}, align="C",
                 new_x="LMARGIN", new_y="NEXT")  # fmt: skip
        pdf.cell(0, 6, _("Verification code: %(code)s") % {"code": certificate.code}, align="C", new_x="LMARGIN",
                 new_y="NEXT")  # fmt: skip
        pdf.cell(0, 6, _("Verify this certificate at %(url)s") % {"url": verify_url}, align="C", new_x="LMARGIN",
                 new_y="NEXT")  # fmt: skip
        return bytes(pdf.output())
