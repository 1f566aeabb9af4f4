"""Import directory entries from a CSV or XLSX file: preview, then all or nothing (the page's importer)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ctassist.core import context
from ctassist.core.importing import NEW, UNCHANGED, ImportRejected, read_bytes
from ctassist.directory.importing import DirectoryImporter

BAD_INPUT = 2  # the exit status for a file that cannot be imported (1 is left to unexpected failures)


class Command(BaseCommand):
    help = "Import authorities from CSV or XLSX. Shows what would change; writes all rows or none."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or XLSX file with a header row (see docs/directory.md).")
        parser.add_argument("--dry-run", action="store_true", help="Show the preview and write nothing.")

    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file.", returncode=BAD_INPUT)
        importer = DirectoryImporter()
        try:
            table = read_bytes(path.name, path.read_bytes(), limits=importer.limits)
        except ImportRejected as exc:
            raise CommandError(f"{file}: {exc}; nothing was written.", returncode=BAD_INPUT) from None
        plan = importer.preview(table)
        self.show(plan)
        if plan.problems:
            for problem in plan.problems:
                self.stderr.write(f"{file}: {problem}")
            raise CommandError(f"{len(plan.problems)} error(s) in {file}; nothing was written.", returncode=BAD_INPUT)
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
            raise CommandError(f"{file}: {exc}; nothing was written.", returncode=BAD_INPUT) from None
        except ValidationError as exc:
            raise CommandError(
                f"{file}: {' '.join(exc.messages)}; nothing was written.", returncode=BAD_INPUT
            ) from None
        self.stdout.write(self.style.SUCCESS("Imported."))

    def show(self, plan) -> None:
        """The plan: the counts, then what each row would do."""
        counts = plan.counts
        self.stdout.write(f"{counts['new']} new, {counts['changed']} changed, {counts['unchanged']} unchanged")
        for row in plan.rows:
            if row.outcome == UNCHANGED:
                continue
            where = " · ".join(str(v) for v in row.display)
            what = "new" if row.outcome == NEW else ", ".join(row.changes)
            self.stdout.write(f"  row {row.number}: {where}: {row.label}: {what}")
        for warning in plan.warnings:
            self.stdout.write(str(warning))
        if plan.ignored_columns:
            self.stdout.write(f"Columns not read: {', '.join(plan.ignored_columns)}")
