"""Download a resolution's English PDF from the UN Official Document System (ODS)."""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ctassist.core import context
from ctassist.mandates import services
from ctassist.mandates.parser import ParseError, parse_text
from ctassist.mandates.parser.readers import read_bytes

# The ODS "access" endpoint answers a symbol with the document in the language and format asked for.
ODS_URL = "https://documents.un.org/api/symbol/access?s={symbol}&l=en&t=pdf"
MAX_BYTES = 20 * 1024 * 1024
TIMEOUT_SECONDS = 30
SYMBOL = re.compile(r"^[A-Z]{1,3}(?:/[A-Z0-9.()\- ]+)+$")


def ods_url(symbol: str) -> str:
    return ODS_URL.format(symbol=urllib.parse.quote(symbol, safe="/"))


def download(url: str, *, timeout: float = TIMEOUT_SECONDS, limit: int = MAX_BYTES) -> bytes:
    """The body at ``url``, refused when larger than ``limit`` or not a PDF."""
    request = urllib.request.Request(url, headers={"User-Agent": "ctassist (UNODC technical assistance)"})  # noqa: S310 - https only, fixed host
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        data = response.read(limit + 1)
    if len(data) > limit:
        raise CommandError(f"{url}: larger than {limit // (1024 * 1024)} MB; refused.")
    if not data.startswith(b"%PDF-"):
        raise CommandError(f"{url}: the answer is not a PDF (the symbol may not exist, or ODS returned a web page).")
    return data


class Command(BaseCommand):
    help = (
        "Download the English PDF of a resolution from the UN Official Document System "
        f"({ODS_URL.format(symbol='SYMBOL')}), save it under var/resolutions/, and with --ingest parse "
        "and store it. Needs Internet access."
    )

    def add_arguments(self, parser):
        parser.add_argument("symbol", help="Document symbol, e.g. A/RES/74/175.")
        parser.add_argument("--ingest", action="store_true", help="Parse and store the downloaded resolution.")
        parser.add_argument("--timeout", type=float, default=TIMEOUT_SECONDS, help="Seconds to wait for ODS.")

    def handle(self, *args, symbol, ingest, timeout, **options):
        symbol = symbol.strip().upper()
        if not SYMBOL.match(symbol):
            raise CommandError(f"“{symbol}” does not look like a UN document symbol (e.g. A/RES/74/175).")
        url = ods_url(symbol)
        try:
            data = download(url, timeout=timeout)
        except urllib.error.HTTPError as exc:
            raise CommandError(f"{url}: ODS answered HTTP {exc.code}.") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise CommandError(
                f"Could not reach the UN Official Document System ({reason}). Without Internet access, "
                "download the PDF elsewhere and run `ctassist ingest_resolution FILE`."
            ) from None
        folder = Path(settings.VAR_DIR) / "resolutions"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / (symbol.replace("/", "_") + ".pdf")
        path.write_bytes(data)
        self.stdout.write(f"Saved {path} ({len(data)} bytes) from {url}")
        if not ingest:
            return
        try:
            text = read_bytes(data, path.name, ".pdf")
            parsed = parse_text(text, source=path.name)
        except ParseError as exc:
            raise CommandError(f"{exc}; the file is kept at {path}.", returncode=2) from None
        context.set_request_id(f"cmd-{context.new_request_id()}")
        result = services.ingest(acting_user=None, parsed=parsed, source_name=path.name, raw_text=text)
        self.stdout.write(result.describe())
