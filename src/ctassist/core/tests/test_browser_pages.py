"""In a real browser, on the demonstration as ``make demo`` serves it: accessibility, telephones, screenshots.

The site is set up the way ``make demo`` does it (``var/demo.env`` with ``DEBUG`` off, ``collectstatic``,
``setup_demo``) and served by ``runserver`` with WhiteNoise, so these tests also prove that the
demonstration runs like production and that the ``ctassist`` command finds its settings.

- axe-core (``assets/axe.min.js``, from the npm registry) over every page that takes no argument, as
  the public, a focal point, an officer and a donor: no serious or critical violation of WCAG 2.1 A/AA.
- At a telephone's width (390 px): the menu opens from its button and each area's pages by a tap, the
  header with the demonstration strip takes at most a quarter of the screen, and no main page scrolls
  sideways.
- Screenshots of the main pages at 1366 px and 390 px, in English and Arabic, in ``var/test-artefacts/``.

Without Chromium the tests are skipped, except in CI (``core.testing.require_browser``).
"""

from __future__ import annotations

import json
import os
import secrets
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from ctassist.core.testing import chromium, require_browser, run_ctassist, served, with_source_path
from ctassist.core.tests.test_browser import _shoot, _switch_language, _wait

AXE = Path(__file__).parent / "assets" / "axe.min.js"
ROLES = {"focal_point": "demo-focal-ken", "officer": "demo-officer", "donor": "demo-donor"}
# The demonstration's settings, as the Makefile writes them to var/demo.env.
DEMO_ENV = {
    "DEBUG": "0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "SECURE_HSTS_SECONDS": "0",
    "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
}
# Pages without an argument that are not pages a person reads: machine answers and one-click actions.
NOT_PAGES = {"core:health", "accounts:logout", "set_language", "funding:iati_xml", "funding:iati_organisation_xml"}
# The main pages (phone pass and screenshots); "{first:...}" is the first link of that list page.
MAIN_PAGES = {
    "home": "/",
    "instruments": "/framework/instruments/",
    "matrix": "/framework/matrix/",
    "state-profile": "/framework/states/KEN/",
    "resolutions": "/mandates/resolutions/",
    "explorer": "/mandates/explorer/",
    "compare": "/mandates/compare/",
    "requests": "/assistance/requests/",
    "request": "{first:/assistance/requests/:a[href*='/assistance/requests/'][href$='/']}",
    "request-form": "/assistance/requests/new/",
    "queue": "/assistance/queue/",
    "activities": "/assistance/activities/",
    "calendar": "/assistance/calendar/",
    "directory": "/directory/",
    "library": "/library/",
    "contributions": "/funding/contributions/",
    "dashboards": "/reports/",
    "country-profile": "/reports/countries/KEN/",
}


# Pages of one record (the first the list shows), checked as each signed-in role too.
RECORD_PAGES = {
    "request": MAIN_PAGES["request"],
    "activity": "{first:/assistance/activities/:a[href*='/assistance/activities/'][href$='/']}",
    "directory-entry": "{first:/directory/:a[href*='/directory/'][href$='/']}",
    "resolution": "{first:/mandates/resolutions/:a[href*='/mandates/resolutions/']}",
    "country-profile": MAIN_PAGES["country-profile"],
}


def pages_without_arguments() -> list[tuple[str, str]]:
    """(name, path) of every page whose address takes no argument (the API apart)."""
    found: list[tuple[str, str]] = []

    def walk(patterns: list[Any], prefix: str, namespace: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
                walk(pattern.url_patterns, route, inner or namespace)
            elif isinstance(pattern, URLPattern):
                if any(c in route for c in "<(^$\\") or route.startswith("api/"):
                    continue
                name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
                if name not in NOT_PAGES and ("/" + route) not in {p for _, p in found}:
                    found.append((name, "/" + route))

    walk(get_resolver().url_patterns, "", "")
    return found


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Iterator[dict[str, Any]]:
    """The demonstration set up and served as ``make demo`` does, with its accounts' passwords."""
    require_browser()
    home = tmp_path_factory.mktemp("demo-site")
    (home / "demo.env").write_text(
        "".join(f"{k}={v}\n" for k, v in {"SECRET_KEY": secrets.token_urlsafe(50), **DEMO_ENV}.items())
    )
    unset = {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "ALLOWED_HOSTS"}  # the test settings set some
    env = with_source_path({k: v for k, v in os.environ.items() if k not in unset})
    env.update(CTASSIST_VAR_DIR=str(home), DATABASE_URL=f"sqlite:///{home / 'demo.sqlite3'}")
    run_ctassist(env, "migrate", "--no-input", "-v", "0", timeout=900)
    run_ctassist(env, "collectstatic", "--no-input", "-v", "0", timeout=900)
    printed = run_ctassist(env, "setup_demo", timeout=900)
    assert "demo-officer" in printed, "setup_demo does not print the logins"
    passwords = {}
    for line in (home / "demo-logins.txt").read_text().splitlines():
        parts = line.split()
        passwords[parts[parts.index("user:") + 1]] = parts[parts.index("password:") + 1]
    with served(env, home) as url:
        yield {"url": url, "passwords": passwords, "home": home}


@pytest.fixture(scope="module")
def browser(demo) -> Iterator[Any]:
    with chromium("--hide-scrollbars", page_load_timeout=90, script_timeout=120) as driver:
        yield driver


def _sign_in(driver: Any, demo: dict[str, Any], role: str) -> None:
    from selenium.webdriver.common.by import By

    driver.delete_all_cookies()
    if role == "anonymous":
        return
    username = ROLES[role]
    driver.get(demo["url"] + "/accounts/sign-in/")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(demo["passwords"][username])
    driver.find_element(By.CSS_SELECTOR, "main form [type=submit]").click()
    try:
        _wait(driver, lambda d: "/accounts/sign-in/" not in d.current_url)
    except Exception as error:
        main = driver.find_element(By.TAG_NAME, "main").text[:500]
        raise AssertionError(f"{username} could not sign in: {main}") from error
    assert driver.find_elements(By.CSS_SELECTOR, ".user-link"), f"{username} is not signed in"


def _open(driver: Any, demo: dict[str, Any], path: str) -> None:
    from selenium.webdriver.common.by import By

    if path.startswith("{first:"):
        list_path, selector = path[len("{first:") : -1].split(":", 1)
        driver.get(demo["url"] + list_path)
        here = driver.current_url.split("?")[0]
        links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main table " + selector)]
        links = [h for h in links if h and h.split("?")[0] != here and "/new/" not in h]
        if links:  # a role that may see no record of the kind stays on the list (or the refusal)
            driver.get(links[0])
    else:
        driver.get(demo["url"] + path)


_AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                   resultTypes: ['violations']})
  .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.html.slice(0, 160)),
      count: v.nodes.length}))))
  .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: [], count: 1}]));
"""


@pytest.mark.parametrize("role", ["anonymous", "focal_point", "officer", "donor"])
def test_no_serious_accessibility_violation_on_any_page(browser, demo, role):
    browser.set_window_size(1366, 900)
    _sign_in(browser, demo, role)
    axe = AXE.read_text(encoding="utf-8")
    problems: dict[str, Any] = {}
    seen: set[str] = set()
    checked = 0
    pages = pages_without_arguments()
    if role != "anonymous":
        pages += list(RECORD_PAGES.items())
    for name, path in pages:
        _open(browser, demo, path)
        # Pages that send this role elsewhere (sign in, a list) or refuse it are checked once, where they land.
        landed = browser.current_url.split("?")[0]
        if browser.execute_script("return document.contentType") != "text/html":
            continue
        heading = browser.execute_script("const h = document.querySelector('h1'); return h ? h.textContent.trim() : ''")
        key = f"refused:{heading}" if heading in ("Not allowed", "Page not found") else landed
        if key in seen:
            continue
        seen.add(key)
        browser.execute_script(axe)
        violations = browser.execute_async_script(_AXE_RUN)
        checked += 1
        if violations:
            problems[f"{name} ({path})"] = violations
    assert checked >= (10 if role == "anonymous" else 25), f"only {checked} pages checked as {role}"
    assert not problems, f"serious or critical axe-core violations as {role}:\n" + json.dumps(problems, indent=1)


_OVERFLOW = """
const width = window.innerWidth;
const wide = [];
for (const el of document.querySelectorAll('body *')) {
  if (el.closest('.table-container, .matrix-wrap, .scroll-box, pre, svg')) continue;
  if (el.clientWidth && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible') {
    wide.push('text overflowing ' + el.tagName.toLowerCase());  // a long word wider than its box
  }
  const r = el.getBoundingClientRect();
  if (r.width && (r.right > width + 1 || r.left < -1)) wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
     + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : ''));
}
return {scroll: document.documentElement.scrollWidth, width: width, wide: wide.slice(0, 5)};
"""


@pytest.mark.parametrize("role", ["officer", "focal_point"])
def test_main_pages_fit_a_telephone(browser, demo, role):
    browser.set_window_size(390, 844)
    _sign_in(browser, demo, role)
    inner = browser.execute_script("return [window.innerWidth, window.innerHeight]")
    assert inner[0] == 390, f"the window is {inner[0]} px wide, not 390"
    overflowing = {}
    for name, path in MAIN_PAGES.items():
        _open(browser, demo, path)
        if "/accounts/sign-in/" in browser.current_url:
            continue
        measure = browser.execute_script(_OVERFLOW)
        if measure["scroll"] > measure["width"]:
            overflowing[name] = measure
    assert not overflowing, f"pages wider than a 390 px telephone as {role}: {overflowing}"


def test_telephone_menu_opens_by_tap_and_the_header_is_small(browser, demo):
    from selenium.webdriver.common.by import By

    browser.set_window_size(390, 844)
    _sign_in(browser, demo, "officer")
    browser.get(demo["url"] + "/")
    height = browser.execute_script("return window.innerHeight")
    header = browser.find_element(By.CSS_SELECTOR, ".site-header")
    assert browser.find_elements(By.CSS_SELECTOR, ".site-header .demo-strip"), "the demonstration strip is not shown"
    assert header.size["height"] <= height / 4, f"header {header.size['height']} px of a {height} px screen"
    nav = browser.find_element(By.ID, "main-nav")
    assert not nav.is_displayed(), "the menu is open before its button is tapped"
    toggle = browser.find_element(By.CSS_SELECTOR, ".nav-toggle")
    toggle.click()
    assert nav.is_displayed() and toggle.get_attribute("aria-expanded") == "true"
    sub_toggle = nav.find_element(By.CSS_SELECTOR, ".sub-toggle")
    sub = browser.find_element(By.ID, sub_toggle.get_attribute("aria-controls"))
    assert not sub.is_displayed()
    sub_toggle.click()
    assert sub.is_displayed(), "a tap on the arrow does not open the area's pages"
    link = sub.find_element(By.TAG_NAME, "a")
    target = link.get_attribute("href")
    link.click()
    _wait(browser, lambda d: d.current_url == target)


def test_a_multiple_choice_list_toggles_without_ctrl(browser, demo):
    from selenium.webdriver.common.by import By

    browser.set_window_size(1366, 900)
    _sign_in(browser, demo, "officer")
    browser.get(demo["url"] + "/assistance/requests/")
    select = browser.find_element(By.CSS_SELECTOR, "form.filters select[multiple]")
    options = select.find_elements(By.TAG_NAME, "option")
    # A plain mouse press, as a person's click makes it (WebDriver's own click on an option toggles anyway).
    press = "arguments[0].dispatchEvent(new MouseEvent('mousedown', {bubbles: true, cancelable: true}))"
    browser.execute_script(press, options[0])
    browser.execute_script(press, options[1])
    assert [o.is_selected() for o in options[:2]] == [True, True]
    browser.execute_script(press, options[0])
    assert [o.is_selected() for o in options[:2]] == [False, True]


def test_the_demo_answers_its_own_error_pages_and_serves_static_files(browser, demo):
    from selenium.webdriver.common.by import By

    _sign_in(browser, demo, "anonymous")
    browser.get(demo["url"] + "/framework/no-such-page/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Page not found"
    assert "URLconf" not in browser.page_source and "DEBUG = True" not in browser.page_source
    with urllib.request.urlopen(demo["url"] + "/static/core/favicon.svg") as answer:  # noqa: S310 - local
        assert answer.headers["Content-Type"].startswith("image/svg")
    styles = browser.execute_script("return [...document.styleSheets].map(s => s.href).filter(Boolean)")
    assert any(".css" in href and "/static/" in href for href in styles)
    assert browser.execute_script("return getComputedStyle(document.querySelector('.site-header')).backgroundColor") != (
        "rgba(0, 0, 0, 0)"
    ), "the stylesheet did not load (static files are not served)"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_main_pages_are_screenshot(browser, demo, lang):
    browser.set_window_size(1366, 900)
    _sign_in(browser, demo, "officer")
    _switch_language(browser, lang)
    for width, height in ((1366, 900), (390, 844)):
        browser.set_window_size(width, height)
        for name, path in MAIN_PAGES.items():
            _open(browser, demo, path)
            assert _shoot(browser, f"demo-{lang}-{name}-{width}").stat().st_size > 5_000
