"""``python -m ctassist.mandates.parser FILE... [--json]``."""

from .cli import main

raise SystemExit(main())
