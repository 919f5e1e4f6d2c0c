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
serve_pid=

say() { printf '[test-dashboard] %s\n' "$*"; }
fail() { say "FAIL: $*"; exit 1; }

# The pids of this run's browser still running: Chromium and its helpers
# carry the work folder's profile on their command lines, and the .py writes
# chromedriver's pid (a zombie waiting to be reaped has exited: not counted).
# Empty once driver.quit() has done its job.
leftover_browser() {
    pgrep -f -- "--user-data-dir=$profile" || true
    local pid state
    pid=$(cat "$work/chromedriver.pid" 2>/dev/null || true)
    [[ -n $pid ]] || return 0
    state=$(ps -o stat= -p "$pid" 2>/dev/null || true)
    if [[ -n $state && $state != Z* ]]; then echo "$pid"; fi
}

cleanup() {
    local pids
    pids=$(leftover_browser)
    # shellcheck disable=SC2086 # one pid a line
    if [[ -n $pids ]]; then kill -KILL $pids 2>/dev/null || true; fi
    if [[ -n $serve_pid ]] && kill -0 "$serve_pid" 2>/dev/null; then
        kill -TERM "$serve_pid" 2>/dev/null || true
        wait "$serve_pid" 2>/dev/null || true
    fi
    if [[ ${KEEP:-} == 1 ]]; then say "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

[[ -x $REDRESS ]] || fail "no redress binary at $REDRESS (swift build first, or set REDRESS)"
# Full paths for Selenium (a name given in CHROMIUM or CHROMEDRIVER is looked up in PATH).
CHROMIUM=$(command -v "$CHROMIUM") || fail "no chromium (apt-get install chromium, or set CHROMIUM)"
CHROMEDRIVER=$(command -v "$CHROMEDRIVER") || fail "no chromedriver (apt-get install chromium-driver, or set CHROMEDRIVER)"
command -v python3 >/dev/null || fail "python3 is needed to drive the browser and read the JSON and the PNG"
python3 -c 'import selenium' 2>/dev/null || fail "python3 has no selenium (pip install selenium)"

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

# Port 0: the system picks a free port, and serve prints the one it got. Its
# "Web:" line names several URLs on that port; the first is the workspace,
# and the dashboard is under it at dashboard/.
"$REDRESS" serve --data-dir "$data" --user ci --http 127.0.0.1:0 >"$work/serve.log" 2>&1 &
serve_pid=$!
url=
for _ in $(seq 200); do
    url=$(grep -m1 -o 'http://127\.0\.0\.1:[0-9]*/' "$work/serve.log" 2>/dev/null | head -n 1 || true)
    [[ -n $url ]] && break
    kill -0 "$serve_pid" 2>/dev/null || fail "serve exited: $(tail -n 5 "$work/serve.log")"
    sleep 0.1
done
[[ -n $url ]] || fail "serve did not print its web address within 20 s: $(tail -n 5 "$work/serve.log")"
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
# Whatever happened, the browser must be gone: quit() returns once chromedriver
# has answered, so give the processes up to 5 s to exit. (cleanup kills any left.)
for _ in $(seq 50); do
    leftovers=$(leftover_browser)
    [[ -z $leftovers ]] && break
    sleep 0.1
done
[[ -z $leftovers ]] || fail "browser processes outlived the test: $(echo $leftovers)"
[[ $browser_status != 124 ]] || fail "the browser checks did not finish within 90 s (KEEP=1 keeps chromedriver.log)"
[[ $browser_status == 0 ]] || fail "the browser checks failed (see above; KEEP=1 keeps chromedriver.log)"
say "screenshot: $screenshot"

# 4. A clean stop, and nothing personal in what serve wrote.
kill -TERM "$serve_pid"
status=0
wait "$serve_pid" || status=$?
serve_pid=
[[ $status == 0 ]] || fail "serve exited with status $status after SIGTERM"
python3 "$script_dir/test-dashboard.py" log "$work/serve.log" "$work/list.json" || fail "personal data in serve's log"
say "PASS"
