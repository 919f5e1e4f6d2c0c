#!/usr/bin/env bash
# The dashboard in a real browser (issue 5), run by .ci/run after `swift test`.
#
# Starts one `redress serve` on 127.0.0.1 with the sample data and the CFPB
# test slice imported (300 real complaints, many companies as divisions), then
# loads the dashboard in headless Chromium (Debian's `chromium` package):
#  1. the DOM Chromium built has the side-by-side charts (one SVG per
#     figure), the trend charts, the comparison table and one table per
#     division, and no complainant's name or contact;
#  2. a screenshot is taken (SCREENSHOT=FILE keeps it; default in the work
#     folder) and must be a PNG of the requested size with more than one
#     colour in it (a blank or error page fails);
#  3. the JSON endpoints answer with the same divisions.
# Prints one PASS or FAIL line; exits non-zero on failure.
# Environment: REDRESS (default .build/debug/redress), CHROMIUM (default
# chromium), KEEP=1 keeps the work folder, SCREENSHOT=FILE.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(cd "$script_dir/.." && pwd)
REDRESS=${REDRESS:-$repo_dir/.build/debug/redress}
CHROMIUM=${CHROMIUM:-chromium}
fixture=$repo_dir/Tests/RedressReportsTests/Fixtures/cfpb_first_300.csv
work=$(mktemp -d "${TMPDIR:-/tmp}/redress-dashboard-test.XXXXXX")
screenshot=${SCREENSHOT:-$work/dashboard.png}
serve_pid=

say() { printf '[test-dashboard] %s\n' "$*"; }
fail() { say "FAIL: $*"; exit 1; }

cleanup() {
    if [[ -n $serve_pid ]] && kill -0 "$serve_pid" 2>/dev/null; then
        kill -TERM "$serve_pid" 2>/dev/null || true
        wait "$serve_pid" 2>/dev/null || true
    fi
    if [[ ${KEEP:-} == 1 ]]; then say "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

[[ -x $REDRESS ]] || fail "no redress binary at $REDRESS (swift build first, or set REDRESS)"
command -v "$CHROMIUM" >/dev/null || fail "no $CHROMIUM (apt-get install chromium, or set CHROMIUM)"
command -v python3 >/dev/null || fail "python3 is needed to read the JSON and the PNG"

data=$work/data
"$REDRESS" init --division head-office --data-dir "$data" --user ci >/dev/null
"$REDRESS" import "$fixture" --data-dir "$data" --user ci --json >"$work/import.json" 2>"$work/import.log" \
    || fail "import failed: $(tail -n 3 "$work/import.log")"

"$REDRESS" list --json --data-dir "$data" >"$work/list.json"

# Port 0: the system picks a free port, and serve prints the one it got.
"$REDRESS" serve --data-dir "$data" --user ci --dashboard 127.0.0.1:0 >"$work/serve.log" 2>&1 &
serve_pid=$!
url=
for _ in $(seq 200); do
    url=$(grep -m1 -o 'http://127\.0\.0\.1:[0-9]*/' "$work/serve.log" || true)
    [[ -n $url ]] && break
    kill -0 "$serve_pid" 2>/dev/null || fail "serve exited: $(tail -n 5 "$work/serve.log")"
    sleep 0.1
done
[[ -n $url ]] || fail "serve did not print its dashboard address within 20 s: $(tail -n 5 "$work/serve.log")"
say "dashboard at $url"

chromium_run() {
    # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
        --user-data-dir="$work/chromium-profile" "$@" 2>>"$work/chromium.log"
}

# 1. The DOM as Chromium parsed it.
chromium_run --dump-dom "$url" >"$work/dom.html" || fail "chromium --dump-dom failed: $(tail -n 5 "$work/chromium.log")"
python3 - "$work/dom.html" "$work/import.json" "$work/list.json" <<'PY' || fail "the DOM check failed (see above)"
import json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
imported = json.load(open(sys.argv[2]))
problems = []
svgs = len(re.findall(r"<svg\b", dom))
if svgs < 18: problems.append(f"{svgs} SVG charts, expected at least 18")
for section in ["compare", "trends", "table", "divisions"]:
    if f'id="{section}"' not in dom: problems.append(f"no section #{section}")
tables = len(re.findall(r'class="division" id="division-', dom))
if tables < 10: problems.append(f"{tables} division tables, expected one per company (at least 10)")
bars = len(re.findall(r'<g class="bar">', dom))
if bars < 25: problems.append(f"{bars} bars, expected at least 25 (the volume chart alone has 25)")
if "<script" in dom: problems.append("the page has a script")
if re.search(r"https?://(?!127\.0\.0\.1)[^\"' ]+\.(js|css|png|svg|woff2?)", dom): problems.append("the page loads an external asset")
personal = {value for complaint in json.load(open(sys.argv[3]))
            for value in (complaint.get("complainant") or {}).values() if isinstance(value, str) and len(value) >= 5}
leaked = sorted(value for value in personal if value in dom)
if leaked: problems.append(f"{len(leaked)} complainants' names or contacts in the page")
for problem in problems: print("  " + problem)
print(f"  DOM: {svgs} SVG charts, {bars} bars, {tables} division tables; {imported['imported']} complaints imported")
sys.exit(1 if problems else 0)
PY

# 2. A screenshot of the page as rendered.
chromium_run --hide-scrollbars --window-size=1400,2200 --screenshot="$screenshot" "$url" >/dev/null \
    || fail "chromium --screenshot failed: $(tail -n 5 "$work/chromium.log")"
python3 - "$screenshot" <<'PY' || fail "the screenshot check failed"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n": sys.exit("  not a PNG")
width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
if (width, height) != (1400, 2200): sys.exit(f"  {width}x{height}, expected 1400x2200")
# Decode the pixels (8-bit RGB or RGBA, Chromium's output) and count distinct colours in a sample.
pos, idat = 8, b""
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IDAT": idat += data[pos + 8:pos + 8 + length]
    pos += 12 + length
raw = zlib.decompress(idat)
channels = {2: 3, 6: 4}.get(colour)
if depth != 8 or channels is None: sys.exit(f"  unexpected PNG format (depth {depth}, colour type {colour})")
stride = width * channels + 1
colours = set()
for row in range(0, height, 7):
    line = raw[row * stride + 1:(row + 1) * stride]  # filtered bytes: enough to tell a blank page from a drawn one
    colours.update(line[i:i + 3] for i in range(0, len(line) - 2, channels * 5))
if len(colours) < 20: sys.exit(f"  only {len(colours)} distinct byte patterns: the page looks blank")
print(f"  screenshot {width}x{height}, {len(data)} bytes")
PY
say "screenshot: $screenshot"

# 3. The JSON endpoints.
python3 - "$url" <<'PY' || fail "the JSON endpoints check failed"
import json, sys, urllib.request
url = sys.argv[1]
kpis = json.load(urllib.request.urlopen(url + "api/kpis?by=division"))
snapshot = json.load(urllib.request.urlopen(url + "api/snapshot"))
trend = json.load(urllib.request.urlopen(url + "api/trend"))
groups = [g["group"] for g in kpis]
assert groups == [g["group"] for g in snapshot["divisions"]], "api/kpis and api/snapshot disagree"
assert sum(g["complaints"] for g in kpis) == sum(v["complaints"] for v in trend), "api/trend does not add up"
try:
    urllib.request.urlopen(url + "api/kpis?by=weekday")
    sys.exit("  by=weekday was accepted")
except urllib.error.HTTPError as error:
    assert error.code == 400, f"by=weekday gave {error.code}"
print(f"  JSON: {len(groups)} divisions, {sum(g['complaints'] for g in kpis)} complaints")
PY

kill -TERM "$serve_pid"
wait "$serve_pid" || fail "serve exited with status $? after SIGTERM"
serve_pid=
python3 - "$work/serve.log" "$work/list.json" <<'PY' || fail "personal data in serve's log"
import json, sys
log = open(sys.argv[1], encoding="utf-8", errors="replace").read()
personal = {value for complaint in json.load(open(sys.argv[2]))
            for value in (complaint.get("complainant") or {}).values() if isinstance(value, str) and len(value) >= 5}
sys.exit(1 if any(value in log for value in personal) else 0)
PY
say "PASS"
