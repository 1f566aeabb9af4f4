"""In a real browser: sign in, switch language, and find no English interface text in Arabic or Chinese.

Headless Chromium (Debian's ``chromium`` and ``chromium-driver``) driven by Selenium, against the
application served by ``runserver`` on a database of its own (a temporary SQLite file with the
reference data and one officer), so the test is the same whichever database the suite runs on.
Screenshots of each page, at a desktop (1366 px) and a telephone (390 px) width, are kept in
``var/test-artefacts/``. Without the browser the test is skipped, except in CI (``CI=true``), where
``.ci/run`` installs it and its absence is a failure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

from ctassist.core.testing import BROWSER_PASSWORD, browser_site, chromium

ARTEFACTS = Path(settings.VAR_DIR) / "test-artefacts"
PAGES = {"home": "/", "matrix": "/framework/matrix/", "request-form": "/assistance/requests/new/"}
CATALOGUE_LANG = {"ar": "ar", "zh-hans": "zh_Hans"}
# Words that are the same in every language on these pages: the product's name, file formats, and the
# acronyms UN texts keep in every language (API/PNR: advance passenger information, passenger name record).
UNTRANSLATED = {"ctassist", "ct", "API", "PNR", "CSV", "XLSX", "JSON", "PDF", "DOCX", "UNODC", "ISO"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[str]:
    with browser_site(tmp_path_factory.mktemp("browser-site"), ("n.haddad", "officer", "UNODC")) as url:
        yield url


@pytest.fixture(scope="module")
def browser(site) -> Iterator[Any]:
    with chromium() as driver:
        yield driver


def _english_interface_strings(lang: str) -> set[str]:
    """Every English message of the interface whose translation in ``lang`` is not the English itself."""
    po = settings.LOCALE_PATHS[0] / CATALOGUE_LANG[lang] / "LC_MESSAGES" / "django.po"
    with po.open("rb") as handle:
        catalogue = read_po(handle, locale=CATALOGUE_LANG[lang])
    english: set[str] = set()
    for message in catalogue:
        if not message.id:
            continue
        ids = [str(i) for i in (message.id if isinstance(message.id, (tuple, list)) else (message.id,))]
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        for text in ids:
            if text and text not in strings and "%" not in text and text not in UNTRANSLATED:
                english.add(text)
    return english


_TEXTS = """
const texts = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode, parent = node.parentElement;
  if (!parent || parent.closest('script, style, noscript, [hidden]')) continue;
  // Text marked as another language on purpose (each language's own name in the switcher).
  if (parent.closest('[lang]').getAttribute('lang') !== document.documentElement.lang) continue;
  const text = node.textContent.replace(/\\s+/g, ' ').trim();
  if (text) texts.push(text);
}
for (const el of document.querySelectorAll('[placeholder], [title], [aria-label], input[type=submit]')) {
  for (const name of ['placeholder', 'title', 'aria-label', 'value']) {
    if (name === 'value' && el.type !== 'submit') continue;
    const value = (el.getAttribute(name) || '').trim();
    if (value) texts.push(value);
  }
}
texts.push(document.title);
return texts;
"""


# The interface's own words, as opposed to the records it shows: labels, buttons, headings, navigation,
# column headings, help. Latin-script words there, in Arabic or Chinese, are English left untranslated,
# even when the string never reached the catalogues. (The ratification matrix's column headings are
# instrument names, which are data.)
_CHROME = """
const texts = [];
const chrome = 'label, button, h1, h2, h3, legend, summary, .main-nav, .breadcrumbs, .help, .helptext, '
  + '.data-table thead th, .filter-buttons, .result-tools, .site-footer';
for (const el of document.querySelectorAll(chrome)) {
  if (el.closest('table.matrix, code, bdi, [hidden]')) continue;
  const text = el.innerText.replace(/\\s+/g, ' ').trim();
  if (text) texts.push(text);
}
return texts;
"""


def _latin_words(texts: list[str]) -> list[str]:
    words = {w for text in texts for w in re.findall(r"[A-Za-z][A-Za-z'-]{2,}", text)}
    return sorted(w for w in words if w not in UNTRANSLATED)


def _english_on_page(texts: list[str], english: set[str]) -> list[str]:
    found = [t for t in texts if t in english]
    # Longer messages (sentences) inside a text, say with a name after them.
    sentences = [m for m in english if m.count(" ") >= 3]
    page = "\n".join(texts)
    found += [m for m in sentences if m in page]
    return sorted(set(found))


def _shoot(driver: Any, name: str) -> Path:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / f"{name}.png"
    assert driver.save_screenshot(str(path)), f"no screenshot written to {path}"
    return path


def _sign_in(driver: Any, site: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(site + "/accounts/sign-in/")
    driver.find_element(By.NAME, "username").send_keys("n.haddad")
    driver.find_element(By.NAME, "password").send_keys(BROWSER_PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "main form [type=submit]").click()
    _wait(driver, lambda d: "/accounts/sign-in/" not in d.current_url)
    assert driver.find_elements(By.CSS_SELECTOR, ".user-link"), "not signed in"


def _switch_language(driver: Any, code: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element(By.ID, "language-select")).select_by_value(code)  # submits itself (ctassist.js)
    _wait(driver, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == code)


def _wait(driver: Any, condition: Any) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 30).until(condition)


@pytest.mark.parametrize("lang", ["ar", "zh-hans"])
def test_no_english_interface_text_after_switching_language(browser, site, lang):
    from selenium.webdriver.common.by import By

    browser.delete_all_cookies()
    browser.set_window_size(1366, 900)
    _sign_in(browser, site)
    _switch_language(browser, lang)
    english = _english_interface_strings(lang)
    problems = {}
    for name, path in PAGES.items():
        browser.get(site + path)
        html = browser.find_element(By.TAG_NAME, "html")
        assert html.get_attribute("lang") == lang
        assert html.get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        found = _english_on_page(browser.execute_script(_TEXTS), english)
        found += _latin_words(browser.execute_script(_CHROME))
        if found:
            problems[name] = found
        _shoot(browser, f"{lang}-{name}-1366")
        browser.set_window_size(390, 844)
        _shoot(browser, f"{lang}-{name}-390")
        browser.set_window_size(1366, 900)
    assert not problems, f"English interface text in {lang}: {problems}"


def test_english_pages_are_screenshot_for_comparison(browser, site):
    browser.delete_all_cookies()
    _sign_in(browser, site)
    _switch_language(browser, "en")
    # The detector sees English when there is some: the English pages are full of it.
    browser.get(site + "/")
    assert len(_english_on_page(browser.execute_script(_TEXTS), _english_interface_strings("ar"))) > 10
    for width in (1366, 390):
        browser.set_window_size(width, 900)
        for name, path in PAGES.items():
            browser.get(site + path)
            assert _shoot(browser, f"en-{name}-{width}").stat().st_size > 10_000
