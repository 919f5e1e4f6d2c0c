#!/usr/bin/env python3
"""The browser half of deploy/test-dashboard.sh (read that first).

The dashboard needs a signed-in account, which `chromium --headless
--dump-dom` cannot give it, so a real Chromium is driven through Selenium
and chromedriver (Debian's `chromium` and `chromium-driver`, PyPI's
`selenium`) and signs in through the form like a person would.

    test-dashboard.py web URL --list LIST.json --import IMPORT.json \
        --screenshot FILE --profile DIR [--chromedriver-log FILE] [--pid-file FILE]
        checks 0-3 below against the running `redress serve` at URL; the
        analyst's login and password come from DASHBOARD_LOGIN and
        DASHBOARD_PASSWORD, the API token from DASHBOARD_TOKEN (environment
        rather than arguments, so they do not show in `ps`).
    test-dashboard.py log SERVE_LOG LIST.json
        check 4's second half: no complainant's name or contact in serve's log.

Each problem is printed as an indented line; the exit status is non-zero if
there was any, and the bash script prints the one FAIL line.
"""
import argparse
import json
import os
import re
import signal
import struct
import sys
import urllib.error
import urllib.parse
import urllib.request
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser_support import TIMEOUT, CheckFailed, path_of, personal_data, start_browser, submit_sign_in  # noqa: E402

WINDOW = (1400, 2200)


def check_sign_in_page(driver, url, login, problems):
    """0. Anonymous: /dashboard/ sends the browser to the sign-in page, and a wrong password is refused there
    with a message, leaving the browser signed out."""
    from selenium.webdriver.common.by import By

    driver.get(url)
    if path_of(driver) != "/signin":
        raise CheckFailed(f"an anonymous visit to / ended at {driver.current_url}, not the sign-in page")
    if not driver.find_elements(By.CSS_SELECTOR, "input[type=password]#password"):
        raise CheckFailed("the sign-in page has no password field")

    # One wrong attempt only: the node locks a login out after 5 failures.
    submit_sign_in(driver, login, "not the password")
    if path_of(driver) != "/signin":
        problems.append(f"a wrong password ended at {driver.current_url}, not back on the sign-in page")
    alerts = [e.text.strip() for e in driver.find_elements(By.CSS_SELECTOR, "[role=alert], .error") if e.text.strip()]
    if not alerts:
        problems.append("a wrong password showed no error message")
    driver.get(url)  # still signed out: the dashboard sends us back to sign in
    if path_of(driver) != "/signin":
        problems.append(f"after a wrong password, / is no longer refused (ended at {driver.current_url})")
    print(f"  sign-in: / goes to /signin; a wrong password shows {alerts[:1]} and stays signed out")


def check_dom(driver, url, login, password, import_json, list_json, problems):
    """1. Signed in through the form, the dashboard's DOM as Chromium built it."""
    submit_sign_in(driver, login, password)
    if path_of(driver) != "/dashboard/":
        raise CheckFailed(f"signing in as {login} ended at {driver.current_url}, not the dashboard at /dashboard/")
    # The live DOM rather than page_source: what Chromium parsed and laid out, as --dump-dom gave.
    dom = driver.execute_script("return document.documentElement.outerHTML")
    imported = json.load(open(import_json, encoding="utf-8"))
    svgs = len(re.findall(r"<svg\b", dom))
    if svgs < 18: problems.append(f"{svgs} SVG charts, expected at least 18")
    for section in ["compare", "trends", "table", "divisions"]:
        if f'id="{section}"' not in dom: problems.append(f"no section #{section}")
    tables = len(re.findall(r'class="division" id="division-', dom))
    if tables < 10: problems.append(f"{tables} division tables, expected one per company (at least 10)")
    bars = len(re.findall(r'<g class="bar">', dom))
    if bars < 25: problems.append(f"{bars} bars, expected at least 25 (the volume chart alone has 25)")
    if "<script" in dom: problems.append("the page has a script")
    if re.search(r"https?://(?!127\.0\.0\.1)[^\"' ]+\.(js|css|png|svg|woff2?)", dom):
        problems.append("the page loads an external asset")
    leaked = sorted(value for value in personal_data(list_json) if value in dom)
    if leaked: problems.append(f"{len(leaked)} complainants' names or contacts in the page")
    print(f"  DOM: {svgs} SVG charts, {bars} bars, {tables} division tables; {imported['imported']} complaints imported")


def check_screenshot(driver, screenshot, problems):
    """2. A screenshot of the signed-in dashboard: a PNG, wide enough, with more than one colour in it
    (a blank or error page fails)."""
    data = driver.get_screenshot_as_png()
    with open(screenshot, "wb") as file:
        file.write(data)
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        problems.append("the screenshot is not a PNG")
        return
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    # Selenium captures the viewport, which is the window less the (invisible) browser frame,
    # so its height is a little under the window's: require a real desktop-sized picture instead.
    if width < 1000 or height < 1000:
        problems.append(f"the screenshot is {width}x{height}, expected at least 1000x1000 (window {WINDOW[0]}x{WINDOW[1]})")
    # Decode the pixels (8-bit RGB or RGBA, Chromium's output) and count distinct colours in a sample.
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT": idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    channels = {2: 3, 6: 4}.get(colour)
    if depth != 8 or channels is None:
        problems.append(f"unexpected PNG format (depth {depth}, colour type {colour})")
        return
    stride = width * channels + 1
    colours = set()
    for row in range(0, height, 7):
        line = raw[row * stride + 1:(row + 1) * stride]  # filtered bytes: enough to tell a blank page from a drawn one
        colours.update(line[i:i + 3] for i in range(0, len(line) - 2, channels * 5))
    if len(colours) < 20: problems.append(f"only {len(colours)} distinct byte patterns in the screenshot: the page looks blank")
    print(f"  screenshot {width}x{height}, {len(data)} bytes")


# -- 3: the JSON endpoints, outside the browser ---------------------------------------------

def fetch(url, token=None):
    """(status, parsed JSON body) for a GET; urllib raises on 4xx, which here is an answer like any other."""
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    if token: request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            status, body, kind = response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        status, body, kind = error.code, error.read(), error.headers.get("Content-Type", "")
    try:
        return status, json.loads(body), kind
    except ValueError:
        return status, None, kind


def check_json(url, token, problems):
    """3. With the analyst's bearer token the endpoints agree with each other; without it they refuse."""
    answers = {}
    for endpoint in ["api/kpis?by=division", "api/snapshot", "api/trend"]:
        status, body, _ = fetch(url + endpoint, token)
        if status != 200 or body is None:
            raise CheckFailed(f"{endpoint} with the token gave {status}, expected 200 and JSON")
        answers[endpoint] = body
    kpis, snapshot, trend = answers["api/kpis?by=division"], answers["api/snapshot"], answers["api/trend"]
    groups = [g["group"] for g in kpis]
    if groups != [g["group"] for g in snapshot["divisions"]]:
        problems.append("api/kpis and api/snapshot disagree on the divisions")
    if sum(g["complaints"] for g in kpis) != sum(v["complaints"] for v in trend):
        problems.append("api/trend does not add up to api/kpis")
    status, _, _ = fetch(url + "api/kpis?by=weekday", token)
    if status != 400: problems.append(f"api/kpis?by=weekday gave {status}, expected 400")

    # The same endpoints without credentials: 401 with a JSON error (not the sign-in page's redirect,
    # which is for browsers asking for HTML).
    for endpoint in ["api/kpis", "api/kpis?by=division", "api/snapshot", "api/trend"]:
        status, body, kind = fetch(url + endpoint)
        if status != 401 or not kind.startswith("application/json") or not isinstance(body, dict) or "error" not in body:
            problems.append(f"{endpoint} without a token gave {status} {kind or 'no type'}, expected 401 with a JSON error")
    print(f"  JSON: {len(groups)} divisions, {sum(g['complaints'] for g in kpis)} complaints; 401 without the token")


def web(args):
    from selenium.common.exceptions import WebDriverException  # also a page or wait that timed out

    login = os.environ["DASHBOARD_LOGIN"]
    password = os.environ["DASHBOARD_PASSWORD"]
    token = os.environ["DASHBOARD_TOKEN"]

    problems = []
    try:
        driver = start_browser(args.profile, args.chromedriver_log, WINDOW)
    except WebDriverException as error:
        print(f"  Chromium did not start through chromedriver: {error.msg}")
        return 1
    try:
        if args.pid_file:  # chromedriver's pid, so that the bash script can check it is gone afterwards
            with open(args.pid_file, "w") as file: file.write(f"{driver.service.process.pid}\n")
        check_sign_in_page(driver, args.url, login, problems)
        check_dom(driver, args.url, login, password, args.import_json, args.list_json, problems)
        check_screenshot(driver, args.screenshot, problems)
    except CheckFailed as failure:
        problems.append(str(failure))
    except WebDriverException as error:  # e.g. no sign-in form where one was expected
        message = (error.msg or "").strip().splitlines()
        problems.append(f"the browser failed: {type(error).__name__}: {message[0] if message else ''}")
    finally:
        # Always: it stops Chromium and chromedriver, which would otherwise outlive the test.
        driver.quit()
    try:  # no browser needed: urllib, as a script using the API would
        check_json(args.url, token, problems)
    except CheckFailed as failure:
        problems.append(str(failure))
    for problem in problems: print("  " + problem)
    return 1 if problems else 0


def log(args):
    text = open(args.serve_log, encoding="utf-8", errors="replace").read()
    leaked = sorted(value for value in personal_data(args.list_json) if value in text)
    if leaked: print(f"  {len(leaked)} complainants' names or contacts in serve's log")
    return 1 if leaked else 0


def main():
    # `timeout` in the bash script (and CI stopping a job) sends SIGTERM; turn it into an exception
    # so that the `finally` above still quits the browser.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("web", help="checks 0-3 against a running serve")
    command.add_argument("url", help="the dashboard's base URL, ending in /")
    command.add_argument("--list", dest="list_json", required=True, help="`redress list --json` output")
    command.add_argument("--import", dest="import_json", required=True, help="`redress import --json` output")
    command.add_argument("--screenshot", required=True, help="where to write the PNG")
    command.add_argument("--profile", required=True, help="Chromium's user data folder (made if missing)")
    command.add_argument("--chromedriver-log")
    command.add_argument("--pid-file", help="where to write chromedriver's pid")
    command.set_defaults(run=web)
    command = commands.add_parser("log", help="no personal data in serve's log")
    command.add_argument("serve_log")
    command.add_argument("list_json")
    command.set_defaults(run=log)
    args = parser.parse_args()
    sys.exit(args.run(args))


if __name__ == "__main__":
    main()
