"""E-mail each State's focal points about its directory entries not verified for more than twelve months."""

from django.core.management.base import BaseCommand

from ctassist.core import context
from ctassist.directory import services


class Command(BaseCommand):
    help = (
        "Remind focal points of the published directory entries of their State not verified for more than "
        "12 months (at most once every 30 days per entry, unless --force)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List who would be reminded; send nothing.")
        parser.add_argument("--force", action="store_true", help="Remind even if reminded in the last 30 days.")

    def handle(self, *args, dry_run, force, **options):
        if dry_run:
            reminders = services.stale_reminders(force=force)
        else:
            context.set_request_id(f"cmd-{context.new_request_id()}")
            reminders = services.send_stale_reminders(force=force)
        sent = 0
        for reminder in reminders:
            who = ", ".join(reminder.recipients) or "no focal point with an e-mail address"
            verb = "would remind" if dry_run else ("reminded" if reminder.sent else "cannot remind")
            self.stdout.write(f"{reminder.state.name}: {len(reminder.entries)} stale entries; {verb} {who}")
            sent += reminder.sent
        total = sum(len(r.entries) for r in reminders)
        summary = f"{len(reminders)} States, {total} stale entries"
        if dry_run:
            self.stdout.write(f"Dry run: {summary}; nothing was sent.")
        else:
            self.stdout.write(self.style.SUCCESS(f"{summary}; {sent} reminders sent."))
