"""What the browser tests (deploy/test-dashboard.py, deploy/test-workspace.py) share:
starting Debian's Chromium through chromedriver, signing in through the form,
and the personal data a page must not show."""
import json
import os
import urllib.parse

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
TIMEOUT = 30  # seconds for any one page load or wait; the whole run is bounded by `timeout` in the bash scripts


class CheckFailed(Exception):
    """A check that makes the rest pointless (e.g. the sign-in did not work)."""


def personal_data(list_json):
    """Every complainant's name and contact in `redress list --json` (5 characters or more, so that
    a stray short word in a page is not taken for one)."""
    return {value for complaint in json.load(open(list_json, encoding="utf-8"))
            for value in (complaint.get("complainant") or {}).values()
            if isinstance(value, str) and len(value) >= 5}


def start_browser(profile, chromedriver_log, window):
    # Imported here so that the `log` check works without Selenium installed.
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    # Debian's Chromium and its matching chromedriver, named explicitly: Selenium then has no
    # reason to run Selenium Manager, which would try to download a browser and driver.
    options.binary_location = CHROMIUM
    for argument in ["--headless",
                     "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
                     "--disable-gpu",
                     "--disable-dev-shm-usage",  # small /dev/shm in containers crashes the renderer
                     "--no-first-run",
                     "--hide-scrollbars",
                     f"--window-size={window[0]},{window[1]}",
                     # In the work folder: removed with it, and it names this run's browser processes
                     # so that the bash script can tell if any outlived the test.
                     f"--user-data-dir={profile}"]:
        options.add_argument(argument)
    service = Service(CHROMEDRIVER, log_output=chromedriver_log) if chromedriver_log else Service(CHROMEDRIVER)
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(TIMEOUT)
    driver.set_script_timeout(TIMEOUT)
    return driver


def path_of(driver):
    return urllib.parse.urlsplit(driver.current_url).path


def submit_sign_in(driver, login, password):
    """Fills the sign-in form and submits it, then waits for the next page to have loaded (a click
    does not wait for the navigation it starts)."""
    from selenium.webdriver.common.by import By

    login_field = driver.find_element(By.ID, "login")
    login_field.clear()
    login_field.send_keys(login)
    driver.find_element(By.ID, "password").send_keys(password)
    button = driver.find_element(By.CSS_SELECTOR, "form button[type=submit], form input[type=submit]")
    click_and_wait(driver, button)


def left_the_document(error):
    """Whether chromedriver says an element's page has been replaced (its way of saying stale)."""
    return "does not belong to the document" in str(error)


def click_and_wait(driver, element):
    """Clicks `element` and waits until the page it leads to has loaded.

    chromedriver can look the clicked element up after the click has already
    navigated away (a fast redirect after a form post) and answer that it
    "does not belong to the document" rather than that it is stale: both
    mean the old page is gone, which is what is waited for."""
    from selenium.common.exceptions import WebDriverException

    try:
        element.click()
    except WebDriverException as error:
        if not left_the_document(error):
            raise
    wait_for_next_page(driver, element)


def wait_for_next_page(driver, old):
    """Waits until `old` (an element of the page being left) is gone and the next page has loaded."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    def old_page_gone(_):
        try:
            old.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if left_the_document(error):
                return True
            raise

    WebDriverWait(driver, TIMEOUT).until(old_page_gone)
    WebDriverWait(driver, TIMEOUT).until(lambda d: d.execute_script("return document.readyState") == "complete")