"""In a real browser: register a security key from the account pages, then sign in with it.

Headless Chromium with a virtual authenticator (the DevTools WebAuthn domain, through Selenium)
stands in for the key, so ``accounts/static/accounts/webauthn.js`` runs as it does for a person:
options fetched, ``navigator.credentials.create``/``get``, base64url both ways, the form sent. The
site is the one of ``core/tests/test_browser.py`` (its own server and database), opened at
``localhost``: the relying party id the settings derive from its ALLOWED_HOSTS (WebAuthn refuses IP
addresses). Skipped without the browser, except in CI.
"""

from __future__ import annotations

from ctassist.core.testing import BROWSER_PASSWORD as PASSWORD
from ctassist.core.tests.test_browser import _shoot, browser, site  # noqa: F401 - fixtures

USERNAME = "n.haddad"  # the officer the site is made with


def _wait(driver, condition, timeout=20):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def _sign_in_with_password(driver, url):
    from selenium.webdriver.common.by import By

    driver.get(url + "/accounts/sign-in/")
    driver.find_element(By.NAME, "username").send_keys(USERNAME)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()


def _sign_out(driver):
    driver.execute_script("document.querySelector(\"form[action='/accounts/sign-out/']\").submit()")
    _wait(driver, lambda d: d.execute_script("return document.readyState") == "complete")


def test_a_security_key_registers_and_signs_in_in_a_browser(site, browser):  # noqa: F811 - the fixtures
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.virtual_authenticator import Protocol, Transport, VirtualAuthenticatorOptions

    url = site.replace("127.0.0.1", "localhost")
    driver = browser
    options = VirtualAuthenticatorOptions()
    options.protocol = Protocol.CTAP2
    options.transport = Transport.USB
    options.has_user_verification = True
    options.is_user_verified = True
    options.has_resident_key = False
    options.is_user_consenting = True
    driver.add_virtual_authenticator(options)
    try:
        _sign_in_with_password(driver, url)
        driver.get(url + "/accounts/me/security-keys/")
        form = driver.find_element(By.CSS_SELECTOR, "form[data-webauthn=create]")
        assert form.is_displayed()  # the script showed it: this browser has WebAuthn
        assert not driver.find_element(By.CSS_SELECTOR, "[data-webauthn-unsupported]").is_displayed()
        form.find_element(By.NAME, "name").send_keys("virtual key")
        form.find_element(By.CSS_SELECTOR, "[data-webauthn-go]").click()
        _wait(driver, lambda d: "recovery-codes" in d.page_source)
        assert "The security key “virtual key” was added." in driver.page_source
        assert len(driver.find_elements(By.CSS_SELECTOR, ".recovery-codes li")) == 10
        assert len(driver.get_credentials()) == 1
        _shoot(driver, "security-key-added")

        _sign_out(driver)
        _sign_in_with_password(driver, url)
        _wait(driver, lambda d: "/accounts/sign-in/code/" in d.current_url)
        driver.find_element(By.CSS_SELECTOR, "form[data-webauthn=get] [data-webauthn-go]").click()
        _wait(driver, lambda d: "/accounts/sign-in/" not in d.current_url)
        driver.get(url + "/accounts/me/security-keys/")
        rows = driver.find_elements(By.CSS_SELECTOR, ".data-table tbody tr")
        assert [row.find_element(By.CSS_SELECTOR, "td").text for row in rows] == ["virtual key"]
        assert rows[0].find_elements(By.CSS_SELECTOR, "td")[2].text != "—"  # last used: just now
        _shoot(driver, "security-keys")
        _sign_out(driver)
    finally:
        driver.remove_all_credentials()
        driver.remove_virtual_authenticator()
