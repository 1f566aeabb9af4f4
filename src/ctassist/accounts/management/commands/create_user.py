"""Create a user from the command line (the first administrator, or scripted provisioning)."""

import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ctassist.accounts import services
from ctassist.accounts.choices import ROLE_ORGANISATION, OrganisationKind, Role
from ctassist.accounts.models import Organisation
from ctassist.geo.names import resolve


class Command(BaseCommand):
    help = "Create a user with a role and organisation. The organisation is created if it does not exist."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--organisation", required=True, help="Organisation name (created if new).")
        parser.add_argument("--state", default="", help="For a focal point: the State (name or ISO alpha-3).")
        parser.add_argument("--email", default="")
        parser.add_argument("--password-stdin", action="store_true", help="Read the password from standard input.")

    def handle(self, *args, username, role, organisation, state, email, password_stdin, **options):
        kind = ROLE_ORGANISATION[Role(role)]
        state_obj = None
        if kind == OrganisationKind.STATE:
            state_obj = resolve(state) if state else None
            if state_obj is None:
                raise CommandError(f"--state: “{state}” is not a known State (give a name or ISO alpha-3 code).")
        password = self.stdin_password() if password_stdin else getpass.getpass("Password: ")
        try:
            org = Organisation.objects.filter(name=organisation).first() or services.create_organisation(
                acting_user=None, kind=kind, name=organisation, state=state_obj
            )
            from django.contrib.auth.password_validation import validate_password

            validate_password(password)
            user = services.create_user(
                acting_user=None, username=username, role=role, organisation=org, password=password, email=email
            )
        except ValidationError as exc:
            raise CommandError(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
                if hasattr(exc, "message_dict")
                else " ".join(exc.messages)
            ) from None
        self.stdout.write(self.style.SUCCESS(f"Created {user.username} ({user.get_role_display()}, {org})."))

    def stdin_password(self) -> str:
        import sys

        value = sys.stdin.readline().rstrip("\n")
        if not value:
            raise CommandError("No password on standard input.")
        return value
