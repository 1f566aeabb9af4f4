"""Queue again the long work a stopped worker left "running" (run before starting ``db_worker``)."""

from django.core.management.base import BaseCommand

from ctassist.core import jobs


class Command(BaseCommand):
    help = 'Queue again the work whose worker stopped (rows still "running" after their lease expired).'

    def handle(self, *args, **options):
        count = jobs.recover_stale()
        self.stdout.write(f"{count} piece(s) of work recovered.")
