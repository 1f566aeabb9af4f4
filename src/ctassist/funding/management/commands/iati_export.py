"""Write the IATI 2.03 XML of the activities (all, or filtered like the activity list) to a file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ctassist.funding import iati


class Command(BaseCommand):
    help = "Export assistance activities and the projects that fund them as IATI activity standard 2.03 XML."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="File to write.")
        parser.add_argument("--project", default="", help="Only the activities charged to this project code.")
        parser.add_argument("--state", default="", help="Only activities concerning this State (ISO alpha-3).")
        parser.add_argument("--status", default="", help="Only activities with this status.")
        parser.add_argument(
            "--organisation", action="store_true", help="Write the organisation file (iati-organisations) instead."
        )

    def handle(self, *args, **options):
        try:
            if options["organisation"]:
                xml = iati.build_organisation()
                Path(options["out"]).write_bytes(xml)
                self.stdout.write(f"Organisation file written to {options['out']} ({len(xml):,} bytes)")
                return
            params = {k: options[k] for k in ("project", "state", "status") if options[k]}
            activities = iati.select_activities(None, params)
            xml = iati.build(None, activities)
        except iati.NotReady as exc:
            raise CommandError(str(exc)) from exc
        Path(options["out"]).write_bytes(xml)
        self.stdout.write(f"{activities.count()} activities written to {options['out']} ({len(xml):,} bytes)")
