"""Parse resolution files and print what was read; a thin wrapper around the parser's CLI."""

from django.core.management.base import BaseCommand

from ctassist.mandates.parser import cli


class Command(BaseCommand):
    help = (
        "Parse resolutions (.txt, .md, .docx, .pdf) and print a summary, or with --json the parsed documents "
        "as a JSON array; with --score GOLD_DIR... the field accuracy against gold annotations. Writes "
        "nothing. Exit status 2 when any file is not a readable resolution."
    )

    def run_from_argv(self, argv):
        # argv = [prog, "parse_resolution", FILE..., --json]; the parser's own CLI parses the rest,
        # so its exit status (0, 1 internal error, 2 bad input) reaches the shell unchanged.
        status = cli.main(argv[2:])
        if status:
            raise SystemExit(status)

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", metavar="FILE")
        parser.add_argument("--json", action="store_true", help="print a JSON array of the parsed documents")
        parser.add_argument("--score", nargs="+", metavar="GOLD_DIR", help="print field accuracy against gold folders")

    def handle(self, *args, files, json, score=None, **options):  # call_command() path
        status = cli.main([*files, *(["--json"] if json else []), *(["--score", *score] if score else [])])
        if status:
            raise SystemExit(status)
