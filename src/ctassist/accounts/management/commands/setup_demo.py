"""Everything `make demo` needs after migrating: reference data, demonstration data, accounts.

It lives in accounts, not core, because it creates the demonstration accounts: core imports no domain app.
"""

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from ctassist.accounts.demo import ensure_demo_accounts


class Command(BaseCommand):
    help = "Load reference data, generate demonstration data and (re)create one demonstration account per role."

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))

    def handle(self, *args, port, **options):
        call_command("load_reference", stdout=self.stdout)
        logins = ensure_demo_accounts()  # first, so that the demonstration requests can be assigned to demo-officer
        call_command("generate_demo", stdout=self.stdout)
        lines = [
            f"  {label:<52} user: {user:<16} password: {password}" + (f"  two-factor key: {key}" if key else "")
            for user, password, label, key in logins
        ]
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        credentials = settings.VAR_DIR / "demo-logins.txt"
        credentials.write_text("\n".join(lines) + "\n", encoding="utf-8")
        credentials.chmod(0o600)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"ctassist is ready: open http://127.0.0.1:{port}/"))
        self.stdout.write(f"Demonstration accounts (passwords are new each run; also saved in {credentials}):")
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(
            "Administrators sign in with two-factor authentication: add the key to an authenticator app, or print "
            "the current code with `ctassist demo_code demo-admin` (demonstration accounts only)."
        )
        self.stdout.write(
            "The public pages need no account. All people, requests and participation shown are demonstration data."
        )
