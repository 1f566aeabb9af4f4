"""List the cooperation cases whose answer is overdue, and record a reminder for each.

Run daily (cron or the task worker). It prints one line per case with no personal data:
reference, kind, the two States, status, the date the answer was due and how late it is.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ctassist.cooperation import services


class Command(BaseCommand):
    help = "List overdue cooperation cases (mutual legal assistance, extradition) and record a reminder for each."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Check as of this day (YYYY-MM-DD); today if not given.")
        parser.add_argument("--dry-run", action="store_true", help="List only; record no reminder.")

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options.get("date"):
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date: {options['date']!r} is not a date (YYYY-MM-DD).") from None
        late = services.overdue(today) if options["dry_run"] else services.send_reminders(today)
        for request, due in late:
            self.stdout.write(
                f"{request.reference}\t{request.kind}\t{request.requesting_state.iso3}->{request.requested_state.iso3}"
                f"\t{request.status}\tdue {due.isoformat()}\t{(today - due).days} days late"
            )
        self.stdout.write(f"{len(late)} overdue case(s) as of {today.isoformat()}.")
