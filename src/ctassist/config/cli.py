"""The ``ctassist`` command: Django's manage.py with the settings preset.

After ``make demo`` the command finds the demonstration's settings by itself: when ``SECRET_KEY`` is
not in the environment and ``var/demo.env`` exists (``var`` being ``CTASSIST_VAR_DIR`` or ``./var``),
the variables it lists are used, so the README's examples work as printed. Without either, the
command says in one line what to set instead of ending in a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DEFAULT_SETTINGS = "ctassist.config.settings"
DEMO_ENV = "demo.env"


def demo_env_path() -> Path:
    return Path(os.environ.get("CTASSIST_VAR_DIR") or Path.cwd() / "var") / DEMO_ENV


def read_env_file(path: Path) -> dict[str, str]:
    """``NAME=value`` lines (blank lines and ``#`` comments ignored; values may be quoted)."""
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, value = line.split("=", 1)
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[name.strip()] = value
    return values


def _debug_requested() -> bool:
    return os.environ.get("DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}


def prepare_environment() -> str | None:
    """Complete the environment before Django reads the settings; the one-line problem, if any."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    if os.environ["DJANGO_SETTINGS_MODULE"] != DEFAULT_SETTINGS or os.environ.get("SECRET_KEY"):
        return None
    path = demo_env_path()
    if path.is_file():
        for name, value in read_env_file(path).items():
            os.environ.setdefault(name, value)
        if os.environ.get("SECRET_KEY"):
            return None
    if _debug_requested():
        return None  # development: the settings make a key per process
    return (
        "ctassist: SECRET_KEY is not set. Set SECRET_KEY (and DATABASE_URL, ALLOWED_HOSTS) for a deployment, "
        f"DEBUG=1 for development, or run `make demo` first so that {path} holds the demonstration's settings."
    )


def main() -> None:
    problem = prepare_environment()
    if problem:
        print(problem, file=sys.stderr)
        sys.exit(2)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
