#!/usr/bin/env bash
# The HTTP API against its own OpenAPI description, with Schemathesis.
#
# Makes a demo node in a temporary folder (sample complaints, one account per
# role), creates API tokens for the admin `root-admin` and the agent `sam`,
# starts `redress serve` on 127.0.0.1 (a port the system picks) and runs
# `schemathesis run` twice, once per token, with a fixed seed:
#   - every operation of docs/openapi.json, in every phase (examples,
#     coverage, fuzzing, stateful: complaints it creates are then acknowledged,
#     closed, erased... through the links Schemathesis infers);
#   - the path parameter `id` is drawn mostly from real complaints of the store
#     (a dictionary in the generated schemathesis.toml), so that the steps
#     reach the lifecycle rules instead of answering 404;
#   - the checks that make the contract: no 5xx (not_a_server_error), every
#     status documented (status_code_conformance), every content type
#     documented (content_type_conformance), every body valid against its
#     schema, formats included (response_schema_conformance), the documented
#     headers present (response_headers_conformance: Location, Set-Cookie),
#     and every request the description calls invalid refused with a 4xx
#     (negative_data_rejection: the node accepts no garbage it documents).
#   DELETE /session is tested too: with a bearer token it changes nothing (204).
# Then stops serve with SIGTERM (it must exit 0), prints one PASS or FAIL
# line and exits non-zero on failure. Talks only to 127.0.0.1.
#
# The description tested is docs/openapi.json, written by .ci/openapi.py (the
# served /api/v1/openapi.json is the same text once the binary is rebuilt;
# RedressAPITests checks that). SPEC=served tests the served document instead.
#
# Environment: REDRESS (default .build/debug/redress), SCHEMATHESIS (default
# `schemathesis`, else `python3 -m schemathesis.cli`; `pip install
# schemathesis`, written for 4.32), SEED (default
# 20261201), MAX_EXAMPLES (per operation, default 100 for the admin; the agent
# gets half), WORKERS (default 1: with one worker a seed gives the same
# requests in the same order), SPEC=served, KEEP=1 keeps the work folder
# (store, serve.log, the Schemathesis reports).
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(cd "$script_dir/.." && pwd)
REDRESS=${REDRESS:-$repo_dir/.build/debug/redress}
SEED=${SEED:-20261201}
MAX_EXAMPLES=${MAX_EXAMPLES:-100}
WORKERS=${WORKERS:-1}
spec_file=$repo_dir/docs/openapi.json
# Only 127.0.0.1 is spoken to: no proxy may be put in between.
export NO_PROXY=127.0.0.1 no_proxy=127.0.0.1
unset HTTP_PROXY http_proxy HTTPS_PROXY https_proxy ALL_PROXY all_proxy

work=$(mktemp -d "${TMPDIR:-/tmp}/redress-api-contract.XXXXXX")
data=$work/data
serve_pid=
started=$SECONDS
failure=

say() { printf '[test-api-contract] %s\n' "$*"; }
fail() { failure=$*; exit 1; }

# Stops serve (SIGTERM; it must exit 0 within 20 s), removes the folder, says PASS or FAIL.
cleanup() {
    local status=$?
    trap - EXIT
    if [[ -n $serve_pid ]]; then
        if kill -0 "$serve_pid" 2>/dev/null; then
            kill -TERM "$serve_pid" 2>/dev/null || true
            for _ in $(seq 200); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.1; done
            if kill -0 "$serve_pid" 2>/dev/null; then
                kill -KILL "$serve_pid" 2>/dev/null || true
                failure=${failure:-serve did not stop within 20 s of SIGTERM}
            fi
        fi
        local exit_status=0
        wait "$serve_pid" 2>/dev/null || exit_status=$?
        if [[ $exit_status -ne 0 ]]; then
            failure=${failure:-serve exited with status $exit_status (after SIGTERM)}
            tail -n 5 "$work/serve.log" 2>/dev/null | sed 's/^/  serve: /' || true
        fi
    fi
    [[ $status -ne 0 && -z $failure ]] && failure="the script failed (status $status)"
    if [[ ${KEEP:-} == 1 ]]; then say "kept $work"; else rm -rf "$work"; fi
    if [[ -n $failure ]]; then
        say "FAIL: $failure ($((SECONDS - started)) s)"
        exit 1
    fi
    say "PASS: the API answers as ${described:-its description} says (seed $SEED, $((SECONDS - started)) s)"
    exit 0
}
trap cleanup EXIT
trap 'fail "interrupted"' INT TERM

[[ -x $REDRESS ]] || fail "no redress binary at $REDRESS (swift build first, or set REDRESS)"
command -v python3 >/dev/null || fail "python3 is needed to read the API's JSON"
# The command, or the module when pip put the command off PATH; SCHEMATHESIS may hold several words.
if [[ -n ${SCHEMATHESIS:-} ]]; then read -r -a schemathesis <<<"$SCHEMATHESIS"
elif command -v schemathesis >/dev/null; then schemathesis=(schemathesis)
else schemathesis=(python3 -m schemathesis.cli); fi
version=$("${schemathesis[@]}" --version 2>/dev/null) || fail "no schemathesis (pip install schemathesis, or set SCHEMATHESIS)"
say "$version"

# 1. A demo store: sample complaints in three divisions, one account per role.
"$REDRESS" serve --demo --once --data-dir "$data" >"$work/demo.log" 2>&1 \
    || fail "serve --demo failed: $(tail -n 3 "$work/demo.log")"
token_for() {
    "$REDRESS" token create --user "$1" --name "contract-$1" --as root-admin --data-dir "$data" 2>>"$work/token.log" | tail -n 1
}
admin_token=$(token_for root-admin) || fail "token create for root-admin failed: $(tail -n 3 "$work/token.log")"
agent_token=$(token_for sam) || fail "token create for sam failed: $(tail -n 3 "$work/token.log")"
[[ $admin_token == rdr_* && $agent_token == rdr_* ]] || fail "token create printed no token"

# 2. The node, on a port the system picks.
"$REDRESS" serve --data-dir "$data" --user root-admin --http 127.0.0.1:0 >"$work/serve.log" 2>&1 &
serve_pid=$!
port=
for _ in $(seq 200); do
    port=$(grep -m1 -o 'Web: http://127\.0\.0\.1:[0-9]*/' "$work/serve.log" | grep -o '[0-9]*/$' | tr -d / || true)
    [[ -n $port ]] && break
    kill -0 "$serve_pid" 2>/dev/null || fail "serve exited: $(tail -n 5 "$work/serve.log")"
    sleep 0.1
done
[[ -n $port ]] || fail "serve did not print its address within 20 s: $(tail -n 5 "$work/serve.log")"
origin=http://127.0.0.1:$port
api=$origin/api/v1

# Waits for /healthz, checks both tokens, writes the Schemathesis configuration
# (the complaint ids each account can reach) and says whether the served
# description is docs/openapi.json.
python3 - "$origin" "$admin_token" "$agent_token" "$spec_file" "$work" <<'PY' || fail "the node is not ready (see above)"
import json, sys, time, urllib.request
origin, admin, agent, spec_file, work = sys.argv[1:]
def get(path, token=None):
    request = urllib.request.Request(origin + path, headers={"Authorization": f"Bearer {token}"} if token else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()
for _ in range(100):
    try:
        if get("/healthz") == b"ok\n": break
    except OSError:
        pass
    time.sleep(0.1)
else:
    sys.exit("  GET /healthz did not answer within 10 s")
roles = {name: json.loads(get("/api/v1/me", token))["role"] for name, token in [("admin", admin), ("agent", agent)]}
if roles != {"admin": "admin", "agent": "agent"}: sys.exit(f"  the tokens act as {roles}")
complaints = json.loads(get("/api/v1/complaints?limit=500", admin))["items"]
agent_division = json.loads(get("/api/v1/me", agent))["division"]
def pick(items, per_stage):
    chosen, count = [], {}
    for complaint in items:  # oldest first: the same kinds of complaint every run
        if count.get(complaint["stage"], 0) < per_stage:
            count[complaint["stage"]] = count.get(complaint["stage"], 0) + 1
            chosen.append(complaint["id"])
    return chosen
own = [c for c in complaints if c["division"] == agent_division]
others = [c for c in complaints if c["division"] != agent_division]
ids = {"admin": pick(complaints, 3), "agent": pick(own, 2) + [c["id"] for c in others[:3]]}
for name, values in ids.items():
    with open(f"{work}/schemathesis-{name}.toml", "w") as config:
        config.write("# Written by deploy/test-api-contract.sh: real complaint ids for the path parameter `id`.\n")
        config.write(f"[dictionaries.complaints]\nvalues = {json.dumps(values)}\n\n")
        config.write('[parameters]\n"path.id" = { dictionary = "complaints", probability = 0.8 }\n')
served = get("/api/v1/openapi.json").decode()
on_disk = open(spec_file, encoding="utf-8").read()
state = "is" if served + "\n" == on_disk else "differs from (a binary built before the last python3 .ci/openapi.py)"
print(f"  {len(complaints)} complaints; ids for the admin: {len(ids['admin'])}, for the agent: {len(ids['agent'])}")
print(f"  the served /api/v1/openapi.json {state} docs/openapi.json")  # RedressAPITests fails when they differ
PY
say "node at $api"

if [[ ${SPEC:-} == served ]]; then location=$api/openapi.json; else location=$spec_file; fi
described=${location#"$repo_dir/"}
checks=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance,negative_data_rejection

# 3. Schemathesis, once per token. `timeout` keeps a hang from stalling CI; it is not a speed
# target. On the 2-core CI machine the admin's run has taken 70-106 s and the agent's 60-80 s,
# so the limits leave about four times that: a slow machine must not fail the contract.
contract() {
    local who=$1 token=$2 examples=$3 limit=$4
    say "schemathesis as $who: $location, --checks $checks --max-examples $examples --seed $SEED --workers $WORKERS"
    local status=0
    # From the work folder: Hypothesis and Schemathesis keep caches in the current directory.
    (cd "$work" && timeout "$limit" "${schemathesis[@]}" --config-file "$work/schemathesis-$who.toml" run "$location" \
        --url "$api" -H "Authorization: Bearer $token" \
        --checks "$checks" --max-examples "$examples" --seed "$SEED" --workers "$WORKERS" \
        --request-timeout 10 --generation-database none --no-color \
        --report junit,json --report-dir "$work/reports-$who") 2>&1 | tee "$work/schemathesis-$who.log" \
        || status=$?
    [[ $status -eq 124 ]] && fail "schemathesis as $who did not finish within $limit s"
    [[ $status -eq 0 ]] || fail "schemathesis as $who found responses that break the contract (above; seed $SEED)"
    kill -0 "$serve_pid" 2>/dev/null || fail "serve died during the run as $who: $(tail -n 5 "$work/serve.log")"
}
contract admin "$admin_token" "$MAX_EXAMPLES" 420
contract agent "$agent_token" $(( (MAX_EXAMPLES + 1) / 2 )) 300

# 4. Still healthy after all that; the EXIT trap stops it and checks its exit status.
python3 -c 'import sys, urllib.request; sys.exit(0 if urllib.request.urlopen(sys.argv[1], timeout=10).read() == b"ok\n" else 1)' \
    "$origin/healthz" || fail "GET /healthz does not answer after the runs"
if grep -a -q 'request failed' "$work/serve.log"; then
    fail "serve logged failed requests: $(grep -a -m 3 'request failed' "$work/serve.log")"
fi
