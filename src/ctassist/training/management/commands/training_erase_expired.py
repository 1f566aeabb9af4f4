"""Erase the personal data of trained people whose last session ended before the retention period.

The period is ``settings.TRAINING_RETENTION_DAYS`` (environment ``TRAINING_RETENTION_DAYS``), or
``--days``. Counts by sex, agency and State stay; names and contacts go. Run it from cron.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ctassist.training import services


class Command(BaseCommand):
    help = "Erase the personal data of trained people kept longer than the retention period."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Retention period in days (default: settings).")

    def handle(self, *args, days=None, **options):
        days = settings.TRAINING_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("The retention period must be at least one day.")
        erased = services.erase_expired(acting_user=None, retention_days=days)
        self.stdout.write(f"{erased} people erased (retention {days} days).")
