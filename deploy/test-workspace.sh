#!/usr/bin/env bash
# The staff workspace in a real browser (issue 10), run by .ci/run after `swift test`.
#
# Starts one `redress serve` on 127.0.0.1 with the CFPB test slice imported
# (its companies become divisions), two sample complaints of division retail,
# and five accounts with passwords: an admin, an agent and a supervisor of
# retail, an agent of another division and a head-office analyst. Debian's Chromium,
# driven through Selenium (deploy/test-workspace.py), then does what staff do:
#  0. an admin signs in and adds a reply template for retail (/admin/templates);
#  1. the agent signs in, sees the queues, opens a complaint with the keyboard
#     (j, o), records a complaint (a refused form keeps what was typed and
#     names the field), finds it by searching, acknowledges it, adds a note
#     (choosing the reply template fills in the text, by the page's script)
#     and escalates it; the inbox fits a phone-sized window;
#  2. the supervisor finds it in the escalated queue, responds and closes it
#     with a CSAT score;
#  3. the other division's agent can neither open nor find it;
#  4. the analyst lands on the dashboard and sees no personal data anywhere;
#  5. the browser's console reports no Content-Security-Policy violation, and
#     serve's log holds no complainant's name or contact; serve stops on SIGTERM.
# Screenshots of the inbox, the complaint page and the phone-sized inbox go to
# the folder SCREENSHOTS names (default .build/workspace-screenshots), which
# the test prints. No browser or chromedriver process outlives the test.
# Prints one PASS or FAIL line; exits non-zero on failure.
# Environment: REDRESS (default .build/debug/redress), CHROMIUM, CHROMEDRIVER,
# KEEP=1 keeps the work folder, SCREENSHOTS=DIR.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(cd "$script_dir/.." && pwd)
REDRESS=${REDRESS:-$repo_dir/.build/debug/redress}
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
fixture=$repo_dir/Tests/RedressReportsTests/Fixtures/cfpb_first_300.csv
work=$(mktemp -d "${TMPDIR:-/tmp}/redress-workspace-test.XXXXXX")
screenshots=${SCREENSHOTS:-$repo_dir/.build/workspace-screenshots}
profile=$work/chromium-profile

say() { printf '[test-workspace] %s\n' "$*"; }
fail() { say "FAIL: $*"; exit 1; }
# shellcheck source=deploy/browser-test-lib.sh
source "$script_dir/browser-test-lib.sh"

require_browser

# The store: ci is its admin (command line only). Passwords go in on standard input.
data=$work/data
other_division=aes-pheaa
"$REDRESS" init --division retail --data-dir "$data" --user ci >/dev/null
"$REDRESS" import "$fixture" --data-dir "$data" --user ci >"$work/import.log" 2>&1 || fail "import failed: $(tail -n 3 "$work/import.log")"
"$REDRESS" divisions --data-dir "$data" --user ci >"$work/divisions.txt"
grep -q "^$other_division " "$work/divisions.txt" || fail "the fixture has no division $other_division"
for n in 1 2; do
    "$REDRESS" complaint add --data-dir "$data" --user ci --channel email --name "Sample Person $n" \
        --contact "sample$n@example.org" --category fees --description "Sample complaint $n" >/dev/null
done
add_account() { # login role division password
    printf '%s\n' "$4" | "$REDRESS" user add "$1" --role "$2" --division "$3" --name "Test $2 $1" --data-dir "$data" --user ci >/dev/null
}
secret() { head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
agent_password=$(secret); supervisor_password=$(secret); other_password=$(secret); analyst_password=$(secret); admin_password=$(secret)
add_account sam agent retail "$agent_password"
add_account sue supervisor retail "$supervisor_password"
add_account nia agent "$other_division" "$other_password"
add_account ana analyst retail "$analyst_password"
add_account ada admin retail "$admin_password"

start_serve --data-dir "$data" --user ci
say "workspace at $url"

browser_status=0
WORKSPACE_AGENT="sam:$agent_password" WORKSPACE_SUPERVISOR="sue:$supervisor_password" \
WORKSPACE_OTHER_AGENT="nia:$other_password" WORKSPACE_ANALYST="ana:$analyst_password" WORKSPACE_ADMIN="ada:$admin_password" \
    timeout --kill-after=10 150 python3 "$script_dir/test-workspace.py" "$url" --screenshots "$screenshots" \
        --profile "$profile" --chromedriver-log "$work/chromedriver.log" --pid-file "$work/chromedriver.pid" \
    || browser_status=$?
require_browser_gone
[[ $browser_status != 124 ]] || fail "the browser checks did not finish within 150 s (KEEP=1 keeps chromedriver.log)"
[[ $browser_status == 0 ]] || fail "the browser checks failed (see above; KEEP=1 keeps chromedriver.log)"
say "screenshots: $screenshots (inbox.png, complaint.png, inbox-phone.png)"

stop_serve
"$REDRESS" list --json --data-dir "$data" --user ci >"$work/list.json"
python3 "$script_dir/test-dashboard.py" log "$work/serve.log" "$work/list.json" || fail "personal data in serve's log"
if grep -q "Quillfeather" "$work/serve.log"; then fail "the recorded complainant's name is in serve's log"; fi
say "PASS"
