# What the browser tests (test-dashboard.sh, test-workspace.sh) share: finding
# the browser, starting `redress serve` on a free port, and making sure no
# browser or serve process outlives the test. Sourced, not run. The script
# sets `work` (its temporary folder), `profile` (Chromium's user data folder
# inside it) and `say`/`fail` before sourcing; this file sets `serve_pid` and
# installs the EXIT trap.

serve_pid=

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

# Full paths for Selenium (a name given in CHROMIUM or CHROMEDRIVER is looked up in PATH).
require_browser() {
    [[ -x $REDRESS ]] || fail "no redress binary at $REDRESS (swift build first, or set REDRESS)"
    CHROMIUM=$(command -v "$CHROMIUM") || fail "no chromium (apt-get install chromium, or set CHROMIUM)"
    CHROMEDRIVER=$(command -v "$CHROMEDRIVER") || fail "no chromedriver (apt-get install chromium-driver, or set CHROMEDRIVER)"
    command -v python3 >/dev/null || fail "python3 is needed to drive the browser"
    python3 -c 'import selenium' 2>/dev/null || fail "python3 has no selenium (pip install selenium)"
}

# Starts `redress serve --http 127.0.0.1:0 ARGS…` (port 0: the system picks a
# free port, and serve prints the one it got) and sets `url` to the first
# address its "Web:" line names, the workspace at /.
start_serve() {
    "$REDRESS" serve --http 127.0.0.1:0 "$@" >"$work/serve.log" 2>&1 &
    serve_pid=$!
    url=
    for _ in $(seq 200); do
        url=$(grep -m1 -o 'http://127\.0\.0\.1:[0-9]*/' "$work/serve.log" 2>/dev/null | head -n 1 || true)
        [[ -n $url ]] && return 0
        kill -0 "$serve_pid" 2>/dev/null || fail "serve exited: $(tail -n 5 "$work/serve.log")"
        sleep 0.1
    done
    fail "serve did not print its web address within 20 s: $(tail -n 5 "$work/serve.log")"
}

# Whatever happened, the browser must be gone: quit() returns once
# chromedriver has answered, so give the processes up to 5 s to exit.
require_browser_gone() {
    local leftovers
    for _ in $(seq 50); do
        leftovers=$(leftover_browser)
        [[ -z $leftovers ]] && return 0
        sleep 0.1
    done
    fail "browser processes outlived the test: $(echo $leftovers)"
}

# Stops serve with SIGTERM and requires a clean exit.
stop_serve() {
    kill -TERM "$serve_pid"
    local status=0
    wait "$serve_pid" || status=$?
    serve_pid=
    [[ $status == 0 ]] || fail "serve exited with status $status after SIGTERM"
}
