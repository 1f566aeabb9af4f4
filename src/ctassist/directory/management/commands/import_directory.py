"""Import directory entries from a CSV or XLSX file: preview, then all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ctassist.core import context
from ctassist.directory import importing


class Command(BaseCommand):
    help = "Import authorities from CSV (UTF-8) or XLSX. Shows what would change; writes all rows or none."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or XLSX file with a header row (see docs/directory.md).")
        parser.add_argument("--dry-run", action="store_true", help="Show the preview and write nothing.")

    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file.")
        try:
            rows = importing.read_rows(path.name, path.read_bytes())
        except importing.FileError as exc:
            raise CommandError(f"{file}: {exc}") from None
        plan = importing.plan_import(rows)
        counts = plan.counts
        self.stdout.write(f"{counts['new']} new, {counts['changed']} changed, {counts['unchanged']} unchanged")
        for item in plan.rows:
            if item.outcome == importing.CHANGED:
                self.stdout.write(f"  row {item.number}: {item.state}: {', '.join(item.changes)}")
        if plan.ignored_columns:
            self.stdout.write(f"Columns not read: {', '.join(plan.ignored_columns)}")
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
            importing.apply_import(acting_user=None, rows=rows, source=source)
        except importing.ImportRejected as exc:
            raise CommandError(f"{file}: {exc}; nothing was written.") from None
        self.stdout.write(self.style.SUCCESS("Imported."))
