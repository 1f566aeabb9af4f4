"""Certificates as PDF, in the participant's language (``core.pdf``: fonts and shaping for the six languages).

The fixed text is translated into the certificate's language where ctassist has a catalogue (the six
official languages); a Portuguese certificate is set in English. Names and course titles stay as recorded.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ctassist.core.pdf import LanguagePDF
from ctassist.training.models import Certificate

# Certificate languages → the Django language to translate into.
PDF_LANGUAGES = {"en": "en", "fr": "fr", "es": "es", "ru": "ru", "ar": "ar", "zh": "zh-hans", "pt": "en"}


def certificate_language(certificate: Certificate) -> str:
    return PDF_LANGUAGES.get(certificate.language, "en")


def certificate_pdf(certificate: Certificate, *, verify_url: str) -> bytes:
    nomination = certificate.nomination
    session = nomination.session
    with translation.override(certificate_language(certificate)):
        pdf = LanguagePDF(certificate_language(certificate), orientation="L", format="A4")
        pdf.set_auto_page_break(auto=False)
        pdf.add_page()
        pdf.set_draw_color(0, 84, 140)
        pdf.set_line_width(1.2)
        pdf.rect(10, 10, 277, 190)
        pdf.set_y(30)
        pdf.set_font(pdf.family, "", 12)
        pdf.cell(0, 8, _("United Nations Office on Drugs and Crime"), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(8)
        pdf.set_font(pdf.family, "B", 26)
        pdf.cell(0, 14, _("Certificate of completion"), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(8)
        pdf.set_font(pdf.family, "", 13)
        pdf.cell(0, 8, _("This is to certify that"), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(pdf.family, "B", 20)
        pdf.cell(0, 14, nomination.person.full_name, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(pdf.family, "", 13)
        pdf.cell(0, 8, _("has completed the course"), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(pdf.family, "B", 16)
        pdf.multi_cell(0, 10, session.course.title, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(pdf.family, "", 11)
        activity = session.activity
        where = activity.place or _("online")
        pdf.cell(0, 8, f"{date_format(activity.start_date)} – {date_format(activity.end_date)} · {where}", align="C",
                 new_x="LMARGIN", new_y="NEXT")  # fmt: skip
        pdf.cell(0, 8, _("%(hours)s hours") % {"hours": session.course.duration_hours}, align="C", new_x="LMARGIN",
                 new_y="NEXT")  # fmt: skip
        pdf.set_y(165)
        pdf.set_font(pdf.family, "", 9)
        pdf.cell(0, 6, _("Issued on %(date)s") % {"date": date_format(certificate.issued_on)}, align="C",
                 new_x="LMARGIN", new_y="NEXT")  # fmt: skip
        pdf.cell(0, 6, _("Verification code: %(code)s") % {"code": certificate.code}, align="C", new_x="LMARGIN",
                 new_y="NEXT")  # fmt: skip
        pdf.cell(0, 6, _("Verify this certificate at %(url)s") % {"url": verify_url}, align="C", new_x="LMARGIN",
                 new_y="NEXT")  # fmt: skip
        return bytes(pdf.output())
