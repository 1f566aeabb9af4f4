"""In a real browser: a request's whole life, from a focal point's draft to an evaluated request whose
activity was delivered, as the focal point and the officer would click through it.

Headless Chromium (Debian's ``chromium`` and ``chromium-driver``) driven by Selenium against ``runserver``
on a database of its own, like ``core/tests/test_browser.py`` (both set it up with ``core.testing.browser_site``). Checks on
the way: the submission says what happens next; the officer's bell counts it and the Assistance menu opens
on the queue with the new request first and marked new; assignment; a comment on the accept that the State
reads; one planning control, the preselected State; the request following its activity (no "start delivery"
button); the evaluation. Screenshots go to ``var/test-artefacts/``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from ctassist.core.testing import BROWSER_PASSWORD, browser_site, chromium
from ctassist.core.tests.test_browser import _shoot as shoot

ACCEPT_COMMENT = "We can start after the rainy season."


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[str]:
    with browser_site(
        tmp_path_factory.mktemp("browser-life"),
        ("officer", "officer", "UNODC"),
        ("kenya", "focal_point", "Kenya, Office of the AG", "KEN"),
    ) as url:
        yield url


@pytest.fixture(scope="module")
def browser(site) -> Iterator[Any]:
    with chromium() as driver:
        yield driver


# -- small helpers -------------------------------------------------------------------------------------


def _by():
    from selenium.webdriver.common.by import By

    return By


def _wait(driver: Any, condition: Any) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, 30).until(condition)


def sign_in(driver: Any, site: str, username: str) -> None:
    By = _by()
    driver.delete_all_cookies()
    driver.get(site + "/accounts/sign-in/")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(BROWSER_PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "main form [type=submit]").click()
    _wait(driver, lambda d: "/accounts/sign-in/" not in d.current_url)
    assert driver.find_elements(By.CSS_SELECTOR, ".user-link"), f"{username} not signed in"


def click_button(driver: Any, text: str, scope: Any = None) -> None:
    """Click the button whose text is ``text`` and wait for the next page."""
    By = _by()
    root = scope or driver
    button = root.find_element(By.XPATH, f".//button[normalize-space()='{text}']")
    old = driver.find_element(By.TAG_NAME, "html")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    _wait(driver, lambda d: _stale(old))


def _stale(element: Any) -> bool:
    from selenium.common.exceptions import StaleElementReferenceException

    try:
        element.tag_name  # noqa: B018 - touching it tells whether the page was replaced
        return False
    except StaleElementReferenceException:
        return True


def step_form(driver: Any, label: str) -> Any:
    """The workflow form of the step whose button reads ``label``."""
    By = _by()
    return driver.find_element(By.XPATH, f"//form[contains(@class,'transition')][.//button[normalize-space()='{label}']]")


def fill(driver: Any, name: str, value: str) -> None:
    By = _by()
    field = driver.find_element(By.NAME, name)
    field.clear()
    field.send_keys(value)


def messages(driver: Any) -> str:
    By = _by()
    return " ".join(m.text for m in driver.find_elements(By.CSS_SELECTOR, ".messages .message"))


def status(driver: Any) -> str:
    By = _by()
    return driver.find_element(By.CSS_SELECTOR, "p.intro .badge[class*='status-']").text


# -- the test -----------------------------------------------------------------------------------------------


def test_a_request_from_the_focal_point_s_draft_to_its_evaluation(browser, site):
    from selenium.webdriver.support.ui import Select

    By = _by()
    browser.set_window_size(1366, 900)

    # The focal point writes a draft: required fields are marked, then submits it.
    sign_in(browser, site, "kenya")
    browser.get(site + "/assistance/requests/new/")
    assert browser.find_elements(By.CSS_SELECTOR, ".required label, label.required, .required")
    fill(browser, "title", "Training of prosecutors on terrorism financing")
    browser.find_element(By.CSS_SELECTOR, "input[name=themes]").click()
    fill(browser, "needs", "Prosecutors need training on the financing of terrorism offences.")
    click_button(browser, "Save")
    request_url = browser.current_url
    assert "/assistance/requests/" in request_url and status(browser) == "Draft"
    click_button(browser, "Submit", step_form(browser, "Submit"))
    assert "The request is now submitted." in messages(browser)
    assert "An officer takes the request into review" in messages(browser)  # what happens next, and when
    shoot(browser, "life-1-submitted-1366")

    # The officer: the bell counts it; the Assistance menu opens on the queue, the new request first.
    sign_in(browser, site, "officer")
    assert browser.find_element(By.CSS_SELECTOR, ".bell .count").text == "1"
    browser.find_element(By.CSS_SELECTOR, ".main-nav > ul > li > a[href='/assistance/queue/']").click()
    _wait(browser, lambda d: "/assistance/queue/" in d.current_url)
    first_row = browser.find_element(By.CSS_SELECTOR, "#results table tbody tr")
    assert "Training of prosecutors" in first_row.text and first_row.find_elements(By.CSS_SELECTOR, ".badge.new")
    shoot(browser, "life-2-queue-1366")
    first_row.find_element(By.PARTIAL_LINK_TEXT, "Training of prosecutors").click()
    _wait(browser, lambda d: d.current_url == request_url)

    click_button(browser, "Assign to me", step_form(browser, "Assign"))
    assert "assigned to officer" in messages(browser)
    click_button(browser, "Start review", step_form(browser, "Start review"))
    form = step_form(browser, "Accept")
    form.find_element(By.TAG_NAME, "textarea").send_keys(ACCEPT_COMMENT)
    click_button(browser, "Accept", form)
    assert status(browser) == "Accepted"

    # One planning control; the new-activity form shows the State it was preselected with.
    assert len(browser.find_elements(By.XPATH, "//a[normalize-space()='Plan an activity']")) == 1
    assert not browser.find_elements(By.XPATH, "//button[normalize-space()='Mark planned']")
    browser.find_element(By.XPATH, "//a[normalize-space()='Plan an activity']").click()
    _wait(browser, lambda d: "/assistance/activities/new/" in d.current_url)
    assert "Preselected from the request: Kenya." in browser.find_element(By.TAG_NAME, "main").text
    Select(browser.find_element(By.NAME, "type")).select_by_value("training")
    start = timezone.localdate() + datetime.timedelta(days=14)
    fill(browser, "start_date", start.isoformat())
    fill(browser, "end_date", (start + datetime.timedelta(days=2)).isoformat())
    fill(browser, "place", "Nairobi")
    shoot(browser, "life-3-activity-form-1366")
    click_button(browser, "Save")
    activity_url = browser.current_url
    assert "/assistance/activities/" in activity_url

    # The request follows its activity: planned, in delivery, completed, without a button of its own.
    browser.get(request_url)
    assert status(browser) == "Planned"
    assert not browser.find_elements(By.XPATH, "//button[normalize-space()='Start delivery']")
    for activity_status, request_status in (("in_delivery", "In delivery"), ("completed", "Completed")):
        browser.get(activity_url + "edit/")
        Select(browser.find_element(By.NAME, "status")).select_by_value(activity_status)
        click_button(browser, "Save")
        browser.get(request_url)
        assert status(browser) == request_status

    # The evaluation, then the last step.
    Select(browser.find_element(By.NAME, "rating")).select_by_value("satisfactory")
    fill(browser, "summary", "Prosecutors trained; two cases brought since.")
    fill(browser, "evaluated_on", timezone.localdate().isoformat())
    click_button(browser, "Save evaluation")
    click_button(browser, "Mark evaluated", step_form(browser, "Mark evaluated"))
    assert status(browser) == "Evaluated"
    shoot(browser, "life-4-evaluated-1366")

    # The focal point reads the officer's comment on the accept and the request's end.
    sign_in(browser, site, "kenya")
    assert int(browser.find_element(By.CSS_SELECTOR, ".bell .count").text) >= 3  # review, accept, delivery...
    browser.get(request_url)
    assert status(browser) == "Evaluated"
    assert ACCEPT_COMMENT in browser.find_element(By.CSS_SELECTOR, "ol.timeline").text
    browser.find_element(By.CSS_SELECTOR, "a.bell").click()
    _wait(browser, lambda d: "/notifications/" in d.current_url)
    assert "Evaluated" in browser.find_element(By.TAG_NAME, "main").text
    browser.get(site + "/")
    assert not browser.find_elements(By.CSS_SELECTOR, ".bell .count")  # all read now
    browser.set_window_size(390, 844)
    browser.get(request_url)
    shoot(browser, "life-5-request-390")
