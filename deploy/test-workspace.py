#!/usr/bin/env python3
"""The browser half of deploy/test-workspace.sh (read that first).

    test-workspace.py URL --screenshots DIR --profile DIR [--chromedriver-log FILE] [--pid-file FILE]

drives Debian's Chromium through Selenium against the running `redress
serve` at URL (ending in /) as branch staff would. The accounts and their
passwords come from the environment (never the command line, where `ps`
shows them): WORKSPACE_AGENT, WORKSPACE_SUPERVISOR, WORKSPACE_OTHER_AGENT
(an agent of another division), WORKSPACE_ANALYST, WORKSPACE_ADMIN, each "login:password".

Each problem is printed as an indented line; the exit status is non-zero if
there was any, and the bash script prints the one FAIL line.
"""
import argparse
import os
import re
import signal
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser_support import CheckFailed, click_and_wait, path_of, start_browser, submit_sign_in, wait_for_next_page  # noqa: E402

DESKTOP = (1280, 1000)
PHONE = (390, 844)
# The complaint the agent records; the hostile text must come back as text.
NAME = "Harriet Quillfeather"
CONTACT = "harriet.quillfeather@example.org"
DESCRIPTION = "Charged twice for one transfer <script>alert('x')</script>"
NOTE = "Called Ms Quillfeather back; she sent the statement."
TEMPLATE_NAME = "Acknowledgement"
TEMPLATE_TEXT = "Thank you for your complaint; we will reply within 15 days."


def account(variable):
    login, _, password = os.environ[variable].partition(":")
    return login, password


def click(driver, selector):
    """Clicks the element and waits for the page it leads to."""
    from selenium.webdriver.common.by import By
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, selector))


def text_of(driver):
    from selenium.webdriver.common.by import By
    return driver.find_element(By.TAG_NAME, "body").text


def sign_in(driver, url, variable):
    login, password = account(variable)
    driver.get(url + "signin")
    submit_sign_in(driver, login, password)
    return login


def sign_out(driver):
    click(driver, "form[action='/signout'] button")
    if path_of(driver) != "/signin":
        raise CheckFailed(f"signing out ended at {driver.current_url}, not the sign-in page")


def screenshot(driver, folder, name, problems):
    path = os.path.join(folder, name)
    if not driver.save_screenshot(path) or os.path.getsize(path) < 5000:
        problems.append(f"the screenshot {path} was not written or is nearly empty")
    return path


def policy_violations(driver):
    """Console messages that say the Content-Security-Policy blocked something (an inline script or style)."""
    return [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]


def admin_adds_a_reply_template(driver, url, problems):
    """The admin adds the retail division's acknowledgement wording through /admin/templates."""
    from selenium.webdriver.common.by import By

    sign_in(driver, url, "WORKSPACE_ADMIN")
    driver.get(url + "admin/templates?division=retail")
    driver.find_element(By.ID, "name").send_keys(TEMPLATE_NAME)
    driver.find_element(By.ID, "text").send_keys(TEMPLATE_TEXT)
    click(driver, "form.record button[type=submit]")
    if TEMPLATE_TEXT not in text_of(driver): problems.append("the saved reply template is not listed on the templates page")
    sign_out(driver)
    print("  admin: added a reply template")


def agent_records_and_handles(driver, url, shots, problems):
    """An agent signs in, records a complaint, acknowledges it, adds a note and escalates it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    sign_in(driver, url, "WORKSPACE_AGENT")
    if path_of(driver) != "/":
        raise CheckFailed(f"the agent's sign-in ended at {driver.current_url}, not the inbox")
    queues = [link.text for link in driver.find_elements(By.CSS_SELECTOR, ".queues a")]
    if not any(q.startswith("Mine") for q in queues) or not any(q.startswith("Overdue") for q in queues):
        problems.append(f"the inbox lacks its queues: {queues}")
    driver.get(url + "?queue=all")
    rows = driver.find_elements(By.CSS_SELECTOR, "table.inbox tbody tr")
    if len(rows) < 2: problems.append(f"the division's inbox shows {len(rows)} complaints, expected the sample ones")
    screenshot(driver, shots, "inbox.png", problems)

    # The keyboard: j selects the first row, o opens it (the page's own script, under the strict policy).
    # Keys go to the page as a user's would (the actions API), not to an
    # element: "o" navigates, and a key sent to the body element could be
    # checked by chromedriver after that element has left the document.
    from selenium.webdriver.common.action_chains import ActionChains
    body = driver.find_element(By.TAG_NAME, "body")
    ActionChains(driver).send_keys("j").perform()
    ActionChains(driver).send_keys("o").perform()
    wait_for_next_page(driver, body)
    if not path_of(driver).startswith("/complaints/"):
        problems.append(f"the keys j, o did not open a complaint (at {driver.current_url})")

    driver.get(url + "complaints/new")
    Select(driver.find_element(By.ID, "channel")).select_by_value("phone")
    Select(driver.find_element(By.ID, "category")).select_by_value("billing")
    driver.find_element(By.ID, "complainant_name").send_keys(NAME)
    driver.find_element(By.ID, "complainant_contact").send_keys(CONTACT)
    driver.find_element(By.ID, "product").send_keys("Current account")
    # The description is left empty first: the refusal must keep what was typed and say why by the field.
    click(driver, "form.record button[type=submit]")
    if not driver.find_elements(By.ID, "description-error"):
        problems.append("recording without a description showed no error next to the description")
    if driver.find_element(By.ID, "complainant_name").get_attribute("value") != NAME:
        problems.append("the refused form lost the complainant's name")
    driver.find_element(By.ID, "description").send_keys(DESCRIPTION)
    click(driver, "form.record button[type=submit]")
    match = re.fullmatch(r"/complaints/([0-9a-f-]{36})", path_of(driver))
    if not match:
        raise CheckFailed(f"recording ended at {driver.current_url}, not the new complaint's page")
    complaint = match.group(1)
    if complaint not in text_of(driver): problems.append("the new complaint's page does not show its id")
    description = driver.find_element(By.CSS_SELECTOR, ".description").text
    if description != DESCRIPTION: problems.append(f"the description shows as {description!r}, not as the text typed")

    driver.get(url + "?queue=all&q=" + urllib.parse.quote("Quillfeather"))
    if complaint[:8] not in text_of(driver): problems.append("a search for the new complainant does not find the complaint")

    driver.get(url + "complaints/" + complaint)
    click(driver, "#step-acknowledge button")
    if "Done: Acknowledge" not in text_of(driver) or "acknowledged" not in driver.find_element(By.CSS_SELECTOR, ".stage").text:
        problems.append("acknowledging did not show the complaint acknowledged")
    # The reply template fills in the text (the page's script) and marks it a communication.
    Select(driver.find_element(By.ID, "template")).select_by_visible_text(TEMPLATE_NAME)
    filled = driver.find_element(By.ID, "text").get_attribute("value")
    if filled != TEMPLATE_TEXT: problems.append(f"choosing the reply template filled in {filled!r}")
    if not driver.find_element(By.CSS_SELECTOR, "#step-note input[name=communication]").is_selected():
        problems.append("choosing the reply template did not mark the note a communication")
    click(driver, "#step-note button")
    communications = [entry.text for entry in driver.find_elements(By.CSS_SELECTOR, ".timeline .entry.communication")]
    if not any(TEMPLATE_TEXT in c for c in communications): problems.append("the templated communication is not in the timeline")
    driver.find_element(By.ID, "text").send_keys(NOTE)
    click(driver, "#step-note button")
    notes = [entry.text for entry in driver.find_elements(By.CSS_SELECTOR, ".timeline .entry.note")]
    if not any(NOTE in note for note in notes): problems.append("the note is not in the timeline as an internal note")
    # Waiting for the complainant: the response clock stops, then starts again.
    driver.find_element(By.ID, "reason").send_keys("awaiting a bank statement")
    click(driver, "#step-hold button")
    if "on hold since" not in driver.find_element(By.CSS_SELECTOR, ".stage").text or "paused: on hold" not in text_of(driver):
        problems.append("putting the complaint on hold did not show it on hold with its response clock paused")
    holds = [entry.text for entry in driver.find_elements(By.CSS_SELECTOR, ".timeline .entry.hold")]
    if not any("awaiting a bank statement" in h for h in holds): problems.append("the hold and its reason are not in the timeline")
    click(driver, "#step-resume button")
    if "on hold" in driver.find_element(By.CSS_SELECTOR, ".stage").text or not driver.find_elements(By.CSS_SELECTOR, ".timeline .entry.resume"):
        problems.append("resuming did not end the hold and show it in the timeline")
    click(driver, "#step-escalate button")
    if "supervisor" not in driver.find_element(By.CSS_SELECTOR, ".stage").text:
        problems.append("escalating did not show the supervisor level")
    if driver.find_elements(By.ID, "step-close"):
        problems.append("an agent is offered to close a complaint escalated to supervisor level")
    screenshot(driver, shots, "complaint.png", problems)
    driver.set_window_size(*PHONE)
    driver.get(url + "?queue=all")
    overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 2: problems.append(f"on a phone-sized window the inbox is {overflow} px wider than the screen")
    screenshot(driver, shots, "inbox-phone.png", problems)
    driver.set_window_size(*DESKTOP)
    blocked = policy_violations(driver)
    if blocked: problems.append(f"the Content-Security-Policy blocked something: {blocked[:2]}")
    sign_out(driver)
    print(f"  agent: recorded {complaint[:8]}, acknowledged, wrote from the template, noted, held and resumed, escalated; keyboard and phone layout work")
    return complaint


def supervisor_responds_and_closes(driver, url, complaint, problems):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    sign_in(driver, url, "WORKSPACE_SUPERVISOR")
    driver.get(url + "?queue=escalated")
    if complaint[:8] not in text_of(driver): problems.append("the escalated complaint is not in the supervisor's escalated queue")
    driver.get(url + "complaints/" + complaint)
    driver.find_element(By.ID, "decision").send_keys("Upheld: the second charge is refunded")
    Select(driver.find_element(By.ID, "remedy")).select_by_value("refund")
    Select(driver.find_element(By.ID, "outcome")).select_by_value("upheld")
    driver.find_element(By.ID, "redress_amount").send_keys("12.50")
    driver.find_element(By.ID, "redress_currency").send_keys("GBP")
    click(driver, "#step-respond button")
    if "responded" not in driver.find_element(By.CSS_SELECTOR, ".stage").text:
        problems.append("responding did not show the complaint responded")
    if "12.50 GBP" not in text_of(driver) or "Upheld" not in text_of(driver):
        problems.append("the response's outcome and redress paid (12.50 GBP) are not shown on the complaint's page")
    Select(driver.find_element(By.ID, "csat")).select_by_value("5")
    click(driver, "#step-close button")
    page = text_of(driver)
    if "closed" not in driver.find_element(By.CSS_SELECTOR, ".stage").text or "5 of 5" not in page:
        problems.append("closing with CSAT 5 did not show the complaint closed with its score")
    sign_out(driver)
    print("  supervisor: responded and closed it with CSAT 5")


def other_division_cannot_find_it(driver, url, complaint, problems):
    sign_in(driver, url, "WORKSPACE_OTHER_AGENT")
    driver.get(url + "complaints/" + complaint)
    if "Not found" not in text_of(driver): problems.append("another division's agent can open the complaint")
    driver.get(url + "?queue=all&q=Quillfeather")
    if complaint[:8] in text_of(driver) or NAME in text_of(driver):
        problems.append("another division's agent finds the complaint by searching")
    sign_out(driver)
    print("  another division's agent: not found, not listed")


def analyst_sees_figures_only(driver, url, complaint, problems):
    from selenium.webdriver.common.by import By

    sign_in(driver, url, "WORKSPACE_ANALYST")
    if path_of(driver) != "/dashboard/":
        problems.append(f"the analyst's sign-in ended at {driver.current_url}, not the dashboard")
    if len(driver.find_elements(By.TAG_NAME, "svg")) < 5: problems.append("the analyst's dashboard has no charts")
    pages = [driver.page_source]
    driver.get(url + "complaints/" + complaint)
    pages.append(driver.page_source)
    if "Not found" not in text_of(driver): problems.append("the analyst can open a complaint")
    driver.get(url + "?queue=all&q=Quillfeather")
    pages.append(driver.page_source)
    for value in (NAME, CONTACT, "Quillfeather"):
        if any(value in page for page in pages): problems.append(f"the analyst sees personal data ({value})")
    print("  analyst: the dashboard, and no personal data anywhere")


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--profile", required=True)
    parser.add_argument("--chromedriver-log")
    parser.add_argument("--pid-file")
    args = parser.parse_args()
    from selenium.common.exceptions import WebDriverException

    os.makedirs(args.screenshots, exist_ok=True)
    problems = []
    try:
        driver = start_browser(args.profile, args.chromedriver_log, DESKTOP)
    except WebDriverException as error:
        print(f"  Chromium did not start through chromedriver: {error.msg}")
        return 1
    try:
        if args.pid_file:
            with open(args.pid_file, "w") as file: file.write(f"{driver.service.process.pid}\n")
        admin_adds_a_reply_template(driver, args.url, problems)
        complaint = agent_records_and_handles(driver, args.url, args.screenshots, problems)
        supervisor_responds_and_closes(driver, args.url, complaint, problems)
        other_division_cannot_find_it(driver, args.url, complaint, problems)
        analyst_sees_figures_only(driver, args.url, complaint, problems)
    except CheckFailed as failure:
        problems.append(str(failure))
    except WebDriverException as error:
        message = (error.msg or "").strip().splitlines()
        # Where in this script: the line that made the browser fail.
        import traceback
        here = [f"line {frame.lineno} ({frame.name})" for frame in traceback.extract_tb(error.__traceback__) if frame.filename == __file__]
        problems.append(f"the browser failed: {type(error).__name__}: {message[0] if message else ''} (at {driver.current_url}, {', '.join(here)})")
    finally:
        driver.quit()
    for problem in problems: print("  " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
