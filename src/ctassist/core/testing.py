"""Test helpers every app reuses: one user per role, and the generic policy suite.

An app declares what each role may do with each of its models in
``<app>/tests/policy_cases.py``::

    CASES = [
        PolicyCase(Instrument, make=lambda a: Instrument.objects.first(),
                   allowed={VIEW: EVERYONE, ADD: UNODC, CHANGE: UNODC, DELETE: UNODC}),
    ]

and ``core/tests/test_policy_suite.py`` walks every case × action × role, and
fails when a model with a policy has no case.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models

from ctassist.core.policy import policy_for

# The material beside the checkout (../shared, or CTASSIST_SHARED_DIR): defined once, here.
SHARED_DIR = Path(settings.SHARED_DIR)
CORPUS_DIR = SHARED_DIR / "corpus"


def require_shared(*paths: Path) -> None:
    """Skip the running test when shared material is absent, but fail it in CI (``CI=true``).

    CI always has ../shared; a test that silently skipped there would prove nothing.
    """
    missing = [p for p in (paths or (CORPUS_DIR,)) if not p.exists()]
    if missing:
        skip_unless_ci(f"needs {missing[0]}, which is absent (shared material beside the checkout)")


def skip_unless_ci(message: str, *, in_ci: str = "in CI that is a failure, not a skip") -> None:
    """Skip the running test for ``message``, or fail it in CI (``CI=true``), where what it needs is there."""
    import pytest

    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message}; {in_ci}")
    pytest.skip(message)


def needs_shared(*paths: Path) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator form of :func:`require_shared`."""

    def decorate(test: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(test)
        def run(*args: Any, **kwargs: Any) -> Any:
            require_shared(*paths)
            return test(*args, **kwargs)

        return run

    return decorate


ROLES = ("anonymous", "admin", "officer", "focal_point", "other_focal_point", "partner", "donor")
EVERYONE = frozenset(ROLES)
OFFICIALS = EVERYONE - {"anonymous"}
UNODC = frozenset({"admin", "officer"})
ADMIN_ONLY = frozenset({"admin"})
NOBODY: frozenset[str] = frozenset()


@dataclass
class Actors:
    """A State and another State, and one user for each role (the focal points are of those States)."""

    state: Any
    other_state: Any
    users: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, role: str) -> Any:
        users = self.__dict__.get("users", {})
        if role in users:
            return users[role]
        raise AttributeError(role)

    def user(self, role: str) -> Any:
        return AnonymousUser() if role == "anonymous" else self.users[role]


@dataclass(frozen=True)
class Urls:
    """Where the object of a :class:`PolicyCase` is reached: its page, its API endpoint, the API list.

    Each is a function of the object returning a path, so that one table proves the queryset, the
    page and the endpoint together (:func:`check_policy_urls`).
    """

    page: Callable[[Any], str] | None = None
    api: Callable[[Any], str] | None = None
    api_list: Callable[[Any], str] | None = None
    #: What a page answers a signed-in user who may view no object of the kind: a bare 403, or the
    #: path it sends them to instead (the directory shows what the public may see).
    denied: str = "403"

    @classmethod
    def named(cls, page: str | None = None, api: str | None = None, denied: str = "403") -> Urls:
        """The common shape: ``page`` the name of a page taking the object's pk, ``api`` a router basename."""
        from django.urls import reverse

        return cls(
            page=(lambda obj: reverse(page, kwargs={"pk": obj.pk})) if page else None,
            api=(lambda obj: reverse(f"{api}-detail", kwargs={"pk": obj.pk})) if api else None,
            api_list=(lambda obj: reverse(f"{api}-list")) if api else None,
            denied=denied,
        )


@dataclass
class PolicyCase:
    """What each role may do with one object of ``model`` made by ``make(actors)``.

    Objects that belong to a State should be made for ``actors.state``, so the
    focal point is the owner and the other focal point a stranger.
    """

    model: type[models.Model]
    make: Callable[[Actors], models.Model]
    allowed: dict[str, frozenset[str]]
    label: str = ""
    urls: Urls | None = None

    @property
    def id(self) -> str:
        return self.label or self.model._meta.label


def check_policy_case(case: PolicyCase, actors: Actors) -> None:
    obj = case.make(actors)
    policy = policy_for(case.model)
    undeclared = set(policy.actions) - set(case.allowed)
    assert not undeclared, f"{case.id}: no expectation declared for actions {sorted(undeclared)}"
    failures = []
    for action in policy.actions:
        for role in ROLES:
            manager: Any = case.model._default_manager
            reached = manager.restrict(actors.user(role), action).filter(pk=obj.pk).exists()
            expected = role in case.allowed[action]
            if reached != expected:
                failures.append(
                    f"{case.id}: {role} {'can' if reached else 'cannot'} {action}, "
                    f"expected {'allowed' if expected else 'refused'}"
                )
    assert not failures, "\n".join(failures)


def all_policy_cases() -> list[PolicyCase]:
    """Every app's ``tests/policy_cases.py`` rows, in app order."""
    cases: list[PolicyCase] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("ctassist."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.policy_cases")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.tests.policy_cases" and exc.name != f"{config.name}.tests":
                raise
            continue
        cases.extend(module.CASES)
    return cases


def _answer_expected(case: PolicyCase, role: str, user: Any, *, api: bool) -> str:
    """200 when the policy lets the role view the object; otherwise what the user may learn.

    The API answers 404 for every object outside what the user may view. A page sends an anonymous
    visitor to sign in, refuses (403) a user who may view no object of the kind at all, and answers
    404 to a user who may view some but not this one.
    """
    from ctassist.core.policy import NONE

    if role in case.allowed["view"]:
        return "200"
    if api:
        return "404"
    if role == "anonymous":
        return "sign-in"
    if policy_for(case.model).scope(user, "view") is not NONE:
        return "404"
    assert case.urls is not None
    return case.urls.denied if case.urls.denied == "403" else f"302 to {case.urls.denied}"


def _answer_seen(response: Any, *, api: bool) -> str:
    from django.conf import settings
    from django.shortcuts import resolve_url

    if response.status_code == 302 and not api:
        login = resolve_url(settings.LOGIN_URL)
        return "sign-in" if response["Location"].startswith(login) else f"302 to {response['Location']}"
    return str(response.status_code)


def _listed(response: Any, obj: models.Model) -> bool:
    data = response.json()
    rows = data.get("results", data) if isinstance(data, dict) else data
    return any(isinstance(row, dict) and row.get("id") == obj.pk for row in rows)


def check_policy_urls(case: PolicyCase, actors: Actors, client: Any) -> None:
    """Request the case's page and endpoints as every role; expect exactly what the policy allows.

    Allowed to view: 200, and listed by the API list. Not allowed: see :func:`_answer_expected`; the API
    list leaves the object out (or refuses the visitor).
    """
    assert case.urls is not None
    obj = case.make(actors)
    failures = []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(actors.user(role))
        may_view = role in case.allowed["view"]
        for kind, url_of in (("page", case.urls.page), ("api", case.urls.api)):
            if url_of is None:
                continue
            url = url_of(obj)
            api = kind == "api"
            seen = _answer_seen(client.get(url, HTTP_ACCEPT="application/json" if api else "text/html"), api=api)
            expected = _answer_expected(case, role, actors.user(role), api=api)
            if seen != expected:
                failures.append(f"{case.id}: {role} GET {url} answered {seen}, expected {expected}")
        if case.urls.api_list is not None:
            url = case.urls.api_list(obj)
            response = client.get(url, HTTP_ACCEPT="application/json")
            if response.status_code == 200:
                listed = _listed(response, obj)
            elif response.status_code in (401, 403, 404) and not may_view:
                listed = False
            else:
                failures.append(f"{case.id}: {role} GET {url} answered {response.status_code}")
                continue
            if listed != may_view:
                failures.append(
                    f"{case.id}: {role} GET {url} {'lists' if listed else 'does not list'} the object, "
                    f"expected {'listed' if may_view else 'left out'}"
                )
    assert not failures, "\n".join(failures)


# -- PDF text and glyphs (documents in every language) ---------------------------------------------


@dataclass
class PdfGlyphs:
    """What a PDF says (``text``, extracted by pypdf) and the characters it sets with glyph 0 (.notdef)."""

    text: str
    notdef: list[str]

    def compact(self) -> str:
        """The text without white space: extraction spaces Chinese characters and breaks lines anywhere."""
        return "".join(self.text.split())


def pdf_glyphs(data: bytes) -> PdfGlyphs:
    """Extract the text of ``data`` and find every character drawn with a font's .notdef glyph.

    fpdf2 embeds each TrueType font as a CID font whose ``CIDToGIDMap`` maps every code used to a glyph
    of the embedded subset, and whose ``ToUnicode`` says which character each code stands for: a code
    other than 0 mapped to glyph 0 is a character the font could not draw.
    """
    import io
    import re

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    # pypdf reads the two-byte codes of an OpenType (CFF) CID font as a NUL and the character; pdfium
    # and viewers read the character alone.
    text = "\n".join(page.extract_text() or "" for page in reader.pages).replace("\x00", "")
    notdef: list[str] = []
    seen: set[int] = set()
    for page in reader.pages:
        resources: Any = page["/Resources"].get_object()
        fonts: Any = resources.get("/Font", {})
        for reference in fonts.values():
            font: Any = reference.get_object()
            if id(font) in seen or font.get("/Subtype") != "/Type0":
                continue
            seen.add(id(font))
            descendant = font["/DescendantFonts"][0].get_object()
            to_unicode = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            codes: dict[int, str] = {}
            for block in re.findall(r"beginbfchar(.*?)endbfchar", to_unicode, re.S):
                tokens = re.findall(r"<([0-9A-Fa-f]+)>", block)
                for code, uni in zip(tokens[0::2], tokens[1::2], strict=True):
                    # A ligature's code stands for several characters (UTF-16, big-endian).
                    codes[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be", errors="replace")
            gid_map = descendant.get("/CIDToGIDMap")
            if gid_map is None or not hasattr(gid_map.get_object(), "get_data"):
                continue  # CFF (OpenType) fonts: codes are glyph ids, checked by the producer's log
            table = gid_map.get_object().get_data()
            for code, char in codes.items():
                if code and 2 * code + 1 < len(table) and int.from_bytes(table[2 * code : 2 * code + 2], "big") == 0:
                    notdef.append(char)
    return PdfGlyphs(text=text, notdef=notdef)


def download(client, path: str, params: dict | None = None) -> Any:
    """GET an export the way a user gets it: at once, or through its job (``core.jobs``) when it is long work.

    The job runs at once (the test backend, its on-commit enqueue executed); the job page and its
    status are checked on the way, and the result is returned as a plain response with ``content``.
    """
    from django.http import HttpResponse
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.get(path, params or {})
    if response.status_code != 302 or "/jobs/" not in response.url:
        return response
    page = client.get(response.url)
    assert page.status_code == 200, page.status_code
    status = client.get(f"{response.url}status/").json()
    assert status["status"] == "done", status
    result = client.get(status["result_url"])
    assert result.status_code == 200, result.status_code
    plain = HttpResponse(b"".join(result.streaming_content), status=200, content_type=result["Content-Type"])
    plain["Content-Disposition"] = result["Content-Disposition"]
    return plain


# -- A site in a real browser ----------------------------------------------------------------------------
# Headless Chromium (Debian's ``chromium`` and ``chromium-driver``) driven by Selenium, against the
# application served by ``runserver`` in a process of its own, on a database of its own: the browser tests
# are the same whichever database the suite runs on.

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
#: The password of every account a browser test site creates.
BROWSER_PASSWORD = "browser-test-pass-2026"  # noqa: S105 - throwaway accounts on a throwaway database
#: The ``src`` folder of this checkout, whichever checkout the virtual environment was installed from.
SOURCE_DIR = Path(__file__).resolve().parents[2]


def require_browser() -> None:
    """Skip the running test without Chromium, its driver or Selenium; fail it in CI (``CI=true``),
    where ``.ci/run`` installs them."""
    missing = [name for name, found in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER)) if not found]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip)")
    if missing:
        skip_unless_ci(
            f"the browser test needs {', '.join(missing)}",
            in_ci="in CI that is a failure (.ci/run installs chromium and chromium-driver)",
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def with_source_path(env: dict[str, str]) -> dict[str, str]:
    """``env`` with this checkout's code first on ``PYTHONPATH``."""
    return {**env, "PYTHONPATH": os.pathsep.join(filter(None, [str(SOURCE_DIR), env.get("PYTHONPATH")]))}


def run_ctassist(env: dict[str, str], *args: str, stdin: str | None = None, timeout: int = 600) -> str:
    """``ctassist <args>`` in a process of its own with ``env``; its output, or a failure that shows it."""
    result = subprocess.run(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-m", "ctassist.config.cli", *args],
        env=env, input=stdin, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    assert result.returncode == 0, f"ctassist {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@contextlib.contextmanager
def served(env: dict[str, str], home: Path) -> Iterator[str]:
    """The application served by ``runserver`` with ``env`` on a free port until the block ends; its URL.

    Its errors go to ``home/server.log``, whose end a failure to start shows.
    """
    import pytest

    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-m", "ctassist.config.cli", "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env, stdout=subprocess.DEVNULL, stderr=(home / "server.log").open("w"),
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url + "/healthz", timeout=2)  # noqa: S310 - our own local server
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the test server did not start: " + (home / "server.log").read_text()[-2000:])
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


@contextlib.contextmanager
def browser_site(home: Path, *users: tuple[str, ...]) -> Iterator[str]:
    """A test site in ``home``: a SQLite database with the reference data and ``users``, served; its URL.

    Each user is ``(username, role, organisation)`` or ``(username, role, organisation, state ISO3)``,
    signs in with :data:`BROWSER_PASSWORD` and has the address ``<username>@example.org``.
    """
    require_browser()
    env = with_source_path({
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ctassist.config.settings_test",
        "DATABASE_URL": f"sqlite:///{home / 'site.sqlite3'}",
        "CTASSIST_VAR_DIR": str(home),
        "DEBUG": "1",  # runserver serves the static files
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    })  # fmt: skip
    run_ctassist(env, "migrate", "--no-input", "-v", "0")
    run_ctassist(env, "load_reference")
    for username, role, organisation, *state in users:
        where = ["--state", state[0]] if state else []
        run_ctassist(env, "create_user", username, "--role", role, "--organisation", organisation, *where,
                     "--email", f"{username}@example.org", "--password-stdin", stdin=BROWSER_PASSWORD + "\n")  # fmt: skip
    with served(env, home) as url:
        yield url


@contextlib.contextmanager
def chromium(*arguments: str, page_load_timeout: int = 60, script_timeout: int | None = None) -> Iterator[Any]:
    """A headless Chromium at 1366 × 900 in British English (and ``arguments``), quit when the block ends."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1366,900", "--lang=en-GB", *arguments):  # fmt: skip
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(page_load_timeout)
    if script_timeout is not None:
        driver.set_script_timeout(script_timeout)
    try:
        yield driver
    finally:
        driver.quit()
