#!/usr/bin/env bash
# The dashboard in a real browser (issue 5), run by .ci/run after `swift test`.
#
# Starts one `redress serve` on 127.0.0.1 with the CFPB test slice imported
# (300 real complaints, many companies as divisions) plus one complaint with a
# named complainant, and an analyst account with a password and an API token.
# The dashboard needs a signed-in account, so the browser is Debian's Chromium
# driven through Selenium (deploy/test-dashboard.py), which signs in through
# the form as a person would:
#  0. an anonymous visit to / lands on the sign-in page, and a wrong password
#     there shows an error and leaves the browser signed out;
#  1. signed in as the analyst, the DOM Chromium built has the side-by-side
#     charts (one SVG per figure), the trend charts, the comparison table and
#     one table per division, and no complainant's name or contact;
#  2. a screenshot is taken (SCREENSHOT=FILE keeps it; default in the work
#     folder) and must be a PNG at least 1000 px each way with more than one
#     colour in it (a blank or error page fails);
#  3. the JSON endpoints answer the analyst's bearer token with the same
#     divisions, and 401 without it;
#  4. serve stops cleanly on SIGTERM, and its log has no personal data.
# No browser or chromedriver process outlives the test.
# Prints one PASS or FAIL line; exits non-zero on failure.
# Environment: REDRESS (default .build/debug/redress), CHROMIUM (default
# /usr/bin/chromium), CHROMEDRIVER (default /usr/bin/chromedriver), KEEP=1
# keeps the work folder, SCREENSHOT=FILE.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(cd "$script_dir/.." && pwd)
REDRESS=${REDRESS:-$repo_dir/.build/debug/redress}
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
fixture=$repo_dir/Tests/RedressReportsTests/Fixtures/cfpb_first_300.csv
work=$(mktemp -d "${TMPDIR:-/tmp}/redress-dashboard-test.XXXXXX")
screenshot=${SCREENSHOT:-$work/dashboard.png}
profile=$work/chromium-profile

say() { printf '[test-dashboard] %s\n' "$*"; }
fail() { say "FAIL: $*"; exit 1; }
# shellcheck source=deploy/browser-test-lib.sh
source "$script_dir/browser-test-lib.sh"

require_browser

# The store: the first account, ci, is its admin (no password: it only acts
# from the command line). The browser signs in as an analyst, the role the
# dashboard is for; its password goes in on standard input, never as a flag.
data=$work/data
analyst=ana
password="a long passphrase for the dashboard test"
"$REDRESS" init --division head-office --data-dir "$data" --user ci >/dev/null
"$REDRESS" import "$fixture" --data-dir "$data" --user ci --json >"$work/import.json" 2>"$work/import.log" \
    || fail "import failed: $(tail -n 3 "$work/import.log")"
# The CFPB complainants are all "(anonymous CFPB consumer)": one complaint with
# a real-looking name and contact gives the personal-data checks teeth.
"$REDRESS" complaint add --data-dir "$data" --user ci --channel email --name "Ottoline Quarrington" \
    --contact "ottoline.quarrington@example.org" --category fees --description "Charged twice" >/dev/null
printf '%s\n' "$password" | "$REDRESS" user add "$analyst" --division head-office --role analyst \
    --name "Ana Analyst" --data-dir "$data" --user ci >/dev/null
token=$("$REDRESS" token create --user "$analyst" --name dashboard-test --as ci --data-dir "$data" | tail -n 1)
[[ -n $token ]] || fail "token create printed no token"

"$REDRESS" list --json --data-dir "$data" --user ci >"$work/list.json"

start_serve --data-dir "$data" --user ci
url="${url}dashboard/"
say "dashboard at $url"

# 0-3. The browser and the JSON endpoints. The credentials go through the
# environment, not the command line, where `ps` would show them. `timeout`
# bounds a hung browser; its SIGTERM still lets the .py quit Chromium.
browser_status=0
DASHBOARD_LOGIN=$analyst DASHBOARD_PASSWORD=$password DASHBOARD_TOKEN=$token \
    timeout --kill-after=10 90 python3 "$script_dir/test-dashboard.py" web "$url" \
        --list "$work/list.json" --import "$work/import.json" --screenshot "$screenshot" \
        --profile "$profile" --chromedriver-log "$work/chromedriver.log" --pid-file "$work/chromedriver.pid" \
    || browser_status=$?
require_browser_gone
[[ $browser_status != 124 ]] || fail "the browser checks did not finish within 90 s (KEEP=1 keeps chromedriver.log)"
[[ $browser_status == 0 ]] || fail "the browser checks failed (see above; KEEP=1 keeps chromedriver.log)"
say "screenshot: $screenshot"

# 4. A clean stop, and nothing personal in what serve wrote.
stop_serve
python3 "$script_dir/test-dashboard.py" log "$work/serve.log" "$work/list.json" || fail "personal data in serve's log"
say "PASS"
