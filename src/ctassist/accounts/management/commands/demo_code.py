"""Print the current two-factor code of a demonstration account (never of a real one)."""

from django.core.management.base import BaseCommand, CommandError

from ctassist.accounts import twofactor
from ctassist.accounts.choices import TwoFactorKind
from ctassist.accounts.models import TwoFactorDevice


class Command(BaseCommand):
    help = (
        "Print the current two-factor authentication code of a demonstration account, for trying the "
        "product without an authenticator app. Refuses every account that is not demonstration data."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        device = (
            TwoFactorDevice.objects.select_related("user")
            .filter(user__username=username, kind=TwoFactorKind.TOTP, confirmed_at__isnull=False)
            .first()
        )
        if device is None:
            raise CommandError(f"{username!r} has no authenticator app set up.")
        if not device.user.is_demo:
            raise CommandError(f"{username!r} is not a demonstration account: its codes come only from its owner's app.")
        self.stdout.write(twofactor.current_code(device))
