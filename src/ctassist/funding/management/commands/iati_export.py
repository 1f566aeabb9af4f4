"""Write the IATI 2.03 XML of the activities (all, or filtered like the activity list) to a file."""

from pathlib import Path

from django.core.management.base import BaseCommand

from ctassist.funding import iati


class Command(BaseCommand):
    help = "Export assistance activities and the projects that fund them as IATI activity standard 2.03 XML."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="File to write.")
        parser.add_argument("--project", default="", help="Only the activities charged to this project code.")
        parser.add_argument("--state", default="", help="Only activities concerning this State (ISO alpha-3).")
        parser.add_argument("--status", default="", help="Only activities with this status.")

    def handle(self, *args, **options):
        params = {k: options[k] for k in ("project", "state", "status") if options[k]}
        activities = iati.select_activities(None, params)
        xml = iati.build(None, activities)
        Path(options["out"]).write_bytes(xml)
        self.stdout.write(f"{activities.count()} activities written to {options['out']} ({len(xml):,} bytes)")
