"""Ingest resolution files: parse each one and store it (a symbol already stored is updated)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ctassist.core import context
from ctassist.mandates import services
from ctassist.mandates.parser import ParseError, parse_text
from ctassist.mandates.parser.readers import read_path


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Parse resolution files (.txt, .md, .docx, .pdf) and store them; a resolution already stored "
        "under the same symbol is updated (recorded in the change log). Each file is saved whole or "
        "not at all; the exit status is non-zero when any file failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--dry-run", action="store_true", help="Parse and report; write nothing.")

    def handle(self, *args, files, dry_run, **options):
        context.set_request_id(f"cmd-{context.new_request_id()}")
        failures = 0
        for name in files:
            try:
                raw = read_path(name)
                parsed = parse_text(raw, source=name)
                with transaction.atomic():
                    result = services.ingest(acting_user=None, parsed=parsed, source_name=Path(name).name, raw_text=raw)
                    line = result.describe()
                    if dry_run:
                        raise _DryRun
                self.stdout.write(line)
            except _DryRun:
                self.stdout.write(f"{line} [dry run: nothing written]")
            except ParseError as exc:
                if len(files) == 1:  # one file: one message, as the exit status says it all
                    raise CommandError(f"{exc}; nothing was stored.", returncode=2) from None
                failures += 1
                self.stderr.write(f"error: {exc}")
            except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
                failures += 1
                self.stderr.write(f"error: {name}: {type(exc).__name__}: {exc}")
        if failures:
            raise CommandError(f"{failures} of {len(files)} file(s) not ingested.", returncode=2)
