"""Generate clearly labelled demonstration data across every area."""

from django.core.management.base import BaseCommand, CommandError

from ctassist.core import context
from ctassist.core.demo_registry import generators
from ctassist.geo.models import State


class Command(BaseCommand):
    help = "Generate demonstration data (marked as such). --scale N multiplies the volume for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Volume multiplier, 1 to 100 (default 1).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed, for repeatable data.")
        parser.add_argument("--only", default="", help="Comma-separated generator keys to run (default: all).")

    def handle(self, *args, scale, seed, only, **options):
        if not 1 <= scale <= 100:
            raise CommandError("--scale must be between 1 and 100.")
        if not State.objects.exists():
            raise CommandError("Reference data are missing: run `ctassist load_reference` first.")
        wanted = {k.strip() for k in only.split(",") if k.strip()}
        known = {g.key for g in generators()}
        if wanted - known:
            raise CommandError(
                f"Unknown generator(s): {', '.join(sorted(wanted - known))}. Known: {', '.join(sorted(known))}."
            )
        context.set_request_id(f"cmd-{context.new_request_id()}")
        for generator in generators():
            if wanted and generator.key not in wanted:
                continue
            summary = generator.run(scale=scale, seed=seed)
            self.stdout.write(f"{generator.key}: {summary}")
