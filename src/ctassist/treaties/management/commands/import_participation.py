"""Import a depositary's participant table for one instrument."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ctassist.core import context
from ctassist.core.importing import CHANGED, SKIPPED, ImportRejected
from ctassist.treaties.importing import ParticipationImporter
from ctassist.treaties.models import Instrument


class Command(BaseCommand):
    help = (
        "Import participation (signatures, ratifications, accessions...) from a UN Treaty Collection "
        "participant table saved as CSV or text. Shows what would change; writes all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("instrument_code", help="Instrument code, e.g. financing-1999.")
        parser.add_argument("file", help="CSV, text or XLSX file.")
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
        importer = ParticipationImporter(
            instrument, source=f"{path.name}, imported {timezone.localdate().isoformat()} from the command line"
        )
        try:
            table = importer.read_file(path.name, path.read_bytes())
        except ImportRejected as exc:
            raise CommandError(f"{file}: {exc}") from None
        plan = importer.preview(table)
        counts = plan.counts
        meta = table.meta
        self.stdout.write(f"Status as at: {meta.get('as_at') or 'not stated in the table'}")
        if meta.get("entry_into_force"):
            self.stdout.write(f"Entry into force: {meta['entry_into_force']}")
        rows = [item.data.row for item in plan.rows]
        declared = ", ".join(
            f"{meta[key]} {key}" for key in ("signatories", "parties") if meta.get(key)
        ) or "no counts stated"
        self.stdout.write(
            f"Declared by the depositary: {declared}; read: {sum(1 for r in rows if r.signature)} signatures, "
            f"{sum(1 for r in rows if r.consent and not r.denunciation)} parties"
        )
        self.stdout.write(
            f"{instrument.short_name}: {counts['new']} new, {counts['changed']} changed, "
            f"{counts['unchanged']} unchanged, {counts['skipped']} names not recognised"
        )
        for item in plan.rows:
            if item.outcome == SKIPPED:
                self.stdout.write(f"  row {item.number}: “{item.label}” is not a known State (skipped)")
            elif item.outcome == CHANGED:
                self.stdout.write(f"  row {item.number}: {item.data[1]}: {'; '.join(item.changes)}")
        for note in plan.warnings:
            self.stdout.write(f"  {note}")
        if plan.problems:
            for error in plan.errors:
                self.stderr.write(f"{file}: {error}")
            raise CommandError(f"{len(plan.problems)} error(s) in {file}; nothing was written.")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
            return
        if not plan.can_apply:
            self.stdout.write("Nothing to change.")
            return
        context.set_request_id(f"cmd-{context.new_request_id()}")
        try:
            importer.run(table, acting_user=None)
        except ImportRejected as exc:
            raise CommandError(f"{file}: {exc}; nothing was written.") from None
        self.stdout.write(self.style.SUCCESS("Imported."))
