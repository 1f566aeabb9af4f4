"""Reading uploaded legal texts (PDF, DOCX, plain text) and splitting them into provisions.

Nothing here touches the database: the upload pages show the result for review
and the services save it only when the user confirms.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ctassist.core.importing import ImportRejected, Limits, check_archive, check_extracted_text

MAX_BYTES = 20 * 1024 * 1024
# Word files are archives: their parts and the text read from them are limited (a decompression bomb of
# 524 KB expanded to 200 MB and took 1.75 GB of memory), by the one import pipeline's checks.
LIMITS = Limits(max_bytes=MAX_BYTES, max_uncompressed=60 * 1024 * 1024, max_part=30 * 1024 * 1024,
                max_text=5_000_000)  # fmt: skip
TEXT_EXTENSIONS = (".txt", ".text", ".md")


class ExtractionError(ValueError):
    """The file cannot be read; the message says why, for the person who uploaded it."""


@dataclass
class ProvisionDraft:
    label: str
    heading: str
    text: str


def _extension(name: str) -> str:
    name = (name or "").lower()
    return name[name.rfind(".") :] if "." in name else ""


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.02


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001 - any failure to open means the same to the user
                ok = 0
            if not ok:
                raise ExtractionError(_("The PDF is protected by a password. Upload an unprotected copy."))
        pages = [page.extract_text() or "" for page in reader.pages]
    except ExtractionError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise ExtractionError(_("The PDF could not be read (%(reason)s).") % {"reason": type(exc).__name__}) from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on damaged files
        raise ExtractionError(_("The PDF could not be read (%(reason)s).") % {"reason": type(exc).__name__}) from exc
    return "\n".join(pages)


def _docx_text(data: bytes) -> str:
    import docx

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ExtractionError(_("The Word file could not be read: it is not a valid .docx document."))
    try:
        check_archive(data, LIMITS, kind="Word")
    except ImportRejected as exc:
        raise ExtractionError(str(exc)) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExtractionError(_("The Word file could not be read: it is not a valid .docx document.")) from exc
    except Exception as exc:  # noqa: BLE001
        raise ExtractionError(
            _("The Word file could not be read (%(reason)s).") % {"reason": type(exc).__name__}
        ) from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _plain_text(data: bytes) -> str:
    if _looks_binary(data):
        raise ExtractionError(_("The file is not text. Upload a PDF, a Word (.docx) file or plain text."))
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


def extract_text(name: str, data: bytes) -> str:
    """The text of an uploaded file, or ``ExtractionError`` with a clear reason."""
    if not data:
        raise ExtractionError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ExtractionError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
    extension = _extension(name)
    if data[:5] == b"%PDF-" or extension == ".pdf":
        if data[:5] != b"%PDF-":
            raise ExtractionError(_("The file is named .pdf but is not a PDF."))
        text = _pdf_text(data)
    elif extension == ".docx" or (data[:2] == b"PK" and extension not in TEXT_EXTENSIONS):
        if extension != ".docx":
            raise ExtractionError(_("Only .docx Word files are read; save the document as .docx."))
        text = _docx_text(data)
    elif extension in TEXT_EXTENSIONS or extension == "":
        text = _plain_text(data)
    else:
        raise ExtractionError(
            _("Files of type %(ext)s are not read. Upload a PDF, a Word (.docx) file or plain text.")
            % {"ext": extension}
        )
    try:
        check_extracted_text(text, LIMITS)
    except ImportRejected as exc:
        raise ExtractionError(str(exc)) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise ExtractionError(
            _("No text could be read from the file. A scanned PDF needs text recognition (OCR) before upload.")
        )
    return text


_LABEL = re.compile(
    r"""^\s*(?:\#+\s*)?(?P<label>
        (?:Article|Art\.|ARTICLE|Section|SECTION|Sec\.|§|Artículo|ARTÍCULO|Artigo|Статья|СТАТЬЯ|Rule|Regulation|المادة)
        \s*(?P<number>(?:\d+|[IVXLC]+)(?:\s*(?:bis|ter|quater|er|[A-Za-z]))?(?:\.\d+)*(?:\s*\(\s*[0-9a-z]+\s*\))*)
        |(?:Article|ARTICLE)\s+(?:premier|first|unique)
    )(?!\w)[\s.:–—-]*(?P<rest>.*)$""",
    re.VERBOSE | re.UNICODE,
)


def _clean_label(label: str) -> str:
    label = re.sub(r"\s+", " ", label.strip())
    label = re.sub(r"\s*\(\s*", "(", label)
    label = re.sub(r"\s*\)", ")", label)
    return label.replace("ARTICLE", "Article").replace("SECTION", "Section").replace("ARTÍCULO", "Artículo")


def split_provisions(text: str) -> list[ProvisionDraft]:
    """Split a law into provisions at lines that begin "Article 5", "Section 12(3)", "§ 4", "Artículo 2"...

    Text before the first provision becomes "Preamble"; a text with no
    numbered provisions becomes one provision, "Full text".
    """
    lines = text.replace("\r\n", "\n").split("\n")
    drafts: list[ProvisionDraft] = []
    preamble: list[str] = []
    current: ProvisionDraft | None = None
    body: list[str] = []

    def close() -> None:
        if current is not None:
            current.text = "\n".join(body).strip()
            if current.text or current.heading:
                if not current.text:
                    current.text = current.heading
                drafts.append(current)

    for line in lines:
        match = _LABEL.match(line)
        if match and len(line.strip()) < 400:
            close()
            rest = match.group("rest").strip()
            heading = rest if len(rest) <= 200 and not rest.endswith((";", ",")) else ""
            current = ProvisionDraft(label=_clean_label(match.group("label")), heading=heading, text="")
            body = [] if heading else ([rest] if rest else [])
            continue
        if current is None:
            preamble.append(line)
        else:
            body.append(line)
    close()
    preamble_text = "\n".join(preamble).strip()
    if not drafts:
        return [ProvisionDraft(label=_("Full text"), heading="", text=preamble_text)] if preamble_text else []
    if preamble_text:
        drafts.insert(0, ProvisionDraft(label=_("Preamble"), heading="", text=preamble_text))
    return drafts
