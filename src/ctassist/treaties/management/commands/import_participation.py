"""Import a depositary's participant table for one instrument."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ctassist.core import context
from ctassist.treaties import importing, untc
from ctassist.treaties.models import Instrument


class Command(BaseCommand):
    help = (
        "Import participation (signatures, ratifications, accessions...) from a UN Treaty Collection "
        "participant table saved as CSV or text. Shows what would change; writes all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("instrument_code", help="Instrument code, e.g. financing-1999.")
        parser.add_argument("file", help="CSV or text file (UTF-8).")
        parser.add_argument("--dry-run", action="store_true", help="Show the preview and write nothing.")

    def handle(self, *args, instrument_code, file, dry_run, **options):
        instrument = Instrument.objects.filter(code=instrument_code).first()
        if instrument is None:
            codes = ", ".join(Instrument.objects.values_list("code", flat=True))
            raise CommandError(
                f"Unknown instrument code “{instrument_code}”. Known codes: {codes or 'none (run load_reference)'}."
            )
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file.")
        raw = path.read_bytes()
        if b"\x00" in raw:
            raise CommandError(f"{file}: binary content; save the table as CSV or text.")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CommandError(f"{file}: not UTF-8 text (byte {exc.start}).") from None
        plan = importing.plan_import(instrument, text)
        counts = plan.counts
        self.stdout.write(
            f"{instrument.short_name}: {counts['new']} new, {counts['changed']} changed, "
            f"{counts['unchanged']} unchanged, {counts['unresolved']} names not recognised"
        )
        for item in plan.rows:
            if item.outcome == importing.UNRESOLVED:
                self.stdout.write(f"  line {item.row.line}: “{item.row.name}” is not a known State (skipped)")
            elif item.outcome == importing.CHANGED:
                self.stdout.write(f"  line {item.row.line}: {item.state}: {'; '.join(item.changes)}")
        if plan.errors:
            for error in plan.errors:
                self.stderr.write(f"{file}: {error}")
            raise CommandError(f"{len(plan.errors)} error(s) in {file}; nothing was written.")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
            return
        if not plan.can_apply:
            self.stdout.write("Nothing to change.")
            return
        context.set_request_id(f"cmd-{context.new_request_id()}")
        source = f"{path.name}, imported {timezone.localdate().isoformat()} from the command line"
        try:
            importing.apply_import(acting_user=None, instrument=instrument, text=text, source=source)
        except (importing.ImportRejected, untc.TableError) as exc:
            raise CommandError(f"{file}: {exc}; nothing was written.") from None
        self.stdout.write(self.style.SUCCESS("Imported."))
