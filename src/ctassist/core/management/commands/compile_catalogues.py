from django.core.management.base import BaseCommand

from ctassist.core.catalogues import compile_all


class Command(BaseCommand):
    help = "Compile the translation catalogues (.po → .mo) that are missing or older than their source."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="compile every catalogue, even if up to date")

    def handle(self, *args, force=False, **options):
        for result in compile_all(force=force):
            state = "compiled" if result.written else "up to date"
            self.stdout.write(f"{result.po.parent.parent.name}: {result.messages} messages, {state}")
