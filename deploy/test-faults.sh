#!/usr/bin/env bash
# The fault suite (issue 12), run by .ci/run after the other deploy/ tests.
#
# Real `redress serve` processes under faults, each part a function of its own:
#   kill       SIGKILL at seeded points: `redress import` of the CFPB sample
#              twice mid-import, then, while node2 catches up with node1 over
#              sync, a `redress sync` client on node2, node2's serve twice and
#              node1's serve once, each restarted; meanwhile complaints are
#              recorded on both nodes. Then: every complaint whose `complaint
#              add` exited 0 is on both nodes, nothing twice (complaints =
#              acknowledged + imported), equal digests.
#   partition  three nodes, each in a network namespace of its own on a bridge
#              (10.213.7.0/24), --sync-interval 1; node1 cut off from node2 and
#              node3 by iptables DROP rules; conflicting edits of one complaint
#              on both sides (assignee, notes, tags, an escalation, an
#              acknowledgement) and new complaints on both sides; healed; the
#              seconds to equal digests, and the merge rules of
#              docs/ARCHITECTURE.md checked on every node.
#   lossy      two nodes in namespaces joined by a veth pair (10.213.8.0/24)
#              on which 30% of the packets arriving at node2 are dropped
#              (iptables statistic; LOSSY_DIRECTIONS=both drops at node1 too,
#              where TCP itself hardly moves); the CFPB sample imported on
#              node1 must reach node2 within LOSSY_TIMEOUT.
#   slow       node2 syncs the imported sample from node1 through
#              deploy/fault_proxy.py on 127.0.0.1 (SLOW_RATE bytes/s each way,
#              SLOW_LATENCY ms, seeded jitter); seconds and bytes.
#   corruption a value changed in node1's file while it is stopped: `redress check` names
#              it, a freshly joined node3 syncing from node1 does not get it, node2
#              heals node1, and node1 passes the true value on.
#   clock      node2 ten minutes ahead (faketime): node1 measures the offset, warns
#              (log, status), refuses its changes; no stamp on node1 runs more than
#              the drift limit ahead of its clock; at +30 s still warned.
#   flood      node1 runs with `ulimit -n 1024`; 1,100 TCP connections that
#              never speak TLS and connections sending garbage are held open
#              against its sync port while node2 runs one `redress sync` to it:
#              the sync must finish within FLOOD_SYNC_LIMIT seconds, the node
#              must still run, its log must not explode, and a sync after the
#              flood must work.
# Each part prints one summary line of its figures. A part that needs network
# namespaces prints SKIP (not counted as passed) where they cannot be made.
# A failing part does not stop the others; the suite fails if any part did.
# A new part is a function part_NAME (using the node helpers below) named in
# FAULT_PARTS.
#
# Every random choice (kill points, delays, jitter, data) comes from
# FAULT_SEED (printed; default: today's date, so a failure replays with
# FAULT_SEED=...). iptables' packet drops are the kernel's own randomness.
# Only 127.0.0.1, and addresses inside the namespaces this script makes (and
# removes, whatever happens); every wait is a poll with a deadline.
#
# Environment: REDRESS (default .build/debug/redress), FAULT_SEED,
# FAULT_PARTS (default "kill partition lossy slow flood"), FAULT_SAMPLE (the
# CFPB CSV, default ../shared/data/complaints_sample.csv), KEEP_FAULTS=1 keeps
# the work folder, and the bounds below (CONVERGE_TIMEOUT, LOSSY_TIMEOUT,
# SLOW_RATE, SLOW_LATENCY, FLOOD_SYNC_LIMIT, FLOOD_CONNECTIONS, ...).
# Prints one PASS or FAIL line; exits non-zero on failure.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(cd "$script_dir/.." && pwd)
export REDRESS=${REDRESS:-$repo_dir/.build/debug/redress}
# The account commands act as unless they say --user: the first admin of every node.
export REDRESS_USER=admin
FAULT_SEED=${FAULT_SEED:-$(date -u +%Y%m%d)}
FAULT_PARTS=${FAULT_PARTS:-"kill partition lossy slow flood corruption clock"}
FAULT_SAMPLE=${FAULT_SAMPLE:-$repo_dir/../shared/data/complaints_sample.csv}
FAULT_SYNC_INTERVAL=${FAULT_SYNC_INTERVAL:-1}
CONVERGE_TIMEOUT=${CONVERGE_TIMEOUT:-120}     # seconds to equal digests, after any fault ends
START_TIMEOUT=${START_TIMEOUT:-30}            # a node listening
STOP_TIMEOUT=${STOP_TIMEOUT:-30}              # a node's exit after SIGTERM
STEP_TIMEOUT=${STEP_TIMEOUT:-180}             # one import, or reaching one kill point
KILL_WRITES=${KILL_WRITES:-150}               # at most this many acknowledged-write attempts
LOSSY_LOSS=${LOSSY_LOSS:-0.3}
LOSSY_TIMEOUT=${LOSSY_TIMEOUT:-150}
# in: packets arriving at node2 (the import's data, node1's acknowledgements of
# node2's); both: also those arriving at node1 (TCP then barely moves at 30%).
LOSSY_DIRECTIONS=${LOSSY_DIRECTIONS:-in}
SLOW_RATE=${SLOW_RATE:-262144}                # bytes a second, each way
SLOW_LATENCY=${SLOW_LATENCY:-50}              # milliseconds, each way
SLOW_JITTER=${SLOW_JITTER:-20}
SLOW_TIMEOUT=${SLOW_TIMEOUT:-180}
FLOOD_NOFILE=${FLOOD_NOFILE:-1024}
FLOOD_CONNECTIONS=${FLOOD_CONNECTIONS:-1100}
FLOOD_GARBAGE=${FLOOD_GARBAGE:-20}
FLOOD_SYNC_LIMIT=${FLOOD_SYNC_LIMIT:-1}       # seconds for the legitimate sync during the flood
FLOOD_SYNC_TIMEOUT=${FLOOD_SYNC_TIMEOUT:-30}  # when to give up on it
# Lines the flood may add to the node's log: two per refused connection is
# what a node logs today; an accept-error loop would be far more.
FLOOD_LOG_LIMIT=${FLOOD_LOG_LIMIT:-$((3 * (FLOOD_CONNECTIONS + 10 * FLOOD_GARBAGE) + 100))}
fault_proxy=$script_dir/fault_proxy.py

started_at=$SECONDS
work=$(mktemp -d "${TMPDIR:-/tmp}/redress-faults.XXXXXX")
# Namespace names: short, and this run's own.
netns_prefix=rdf$$
result=FAIL
failure="the suite stopped early"
current_part=""

say() { printf '[test-faults] %s\n' "$*"; }

# ---------------------------------------------------------------- bookkeeping
# What was started is listed in files, since each part runs in a subshell:
# $work/started.nodes (node folders), $work/started.helpers (process group
# files), $work/started.netns (namespaces).

# Ends every node and helper still running, and removes every namespace made.
stop_everything() {
    local node pgid file ns
    if [[ -f $work/started.nodes ]]; then
        while IFS= read -r node; do
            [[ -f $node/serve.pgid ]] || continue
            pgid=$(<"$node/serve.pgid")
            kill -TERM -- "-$pgid" 2>/dev/null || continue
            for _ in $(seq 50); do kill -0 -- "-$pgid" 2>/dev/null || break; sleep 0.1; done
            kill -KILL -- "-$pgid" 2>/dev/null || true
        done <"$work/started.nodes"
    fi
    if [[ -f $work/started.helpers ]]; then
        while IFS= read -r file; do
            [[ -f $file ]] || continue
            pgid=$(<"$file")
            kill -KILL -- "-$pgid" 2>/dev/null || true
        done <"$work/started.helpers"
    fi
    if [[ -f $work/started.netns ]]; then
        while IFS= read -r ns; do
            ip netns list 2>/dev/null | grep -q "^$ns\( \|$\)" || continue
            # Only processes this suite started run in its namespaces.
            for pgid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pgid" 2>/dev/null || true; done
            ip netns del "$ns" 2>/dev/null || say "could not delete namespace $ns"
        done <"$work/started.netns"
        : >"$work/started.netns"
    fi
}

# show_logs PART...: the last lines of the logs of the parts' nodes.
show_logs() {
    local node part
    [[ -f $work/started.nodes ]] || return 0
    while IFS= read -r node; do
        [[ -f $node/serve.log ]] || continue
        part=${node#"$work"/}
        part=${part%%/*}
        [[ " $* " == *" $part "* ]] || continue
        say "--- last lines of ${node#"$work"/}'s log"
        tail -n 15 "$node/serve.log" | sed 's/^/    /'
    done < <(sort -u "$work/started.nodes")
}

cleanup() {
    local status=$?
    set +e
    trap - ERR
    stop_everything
    if [[ $result != PASS ]]; then show_logs ${failed_parts:-$FAULT_PARTS}; fi
    if [[ ${KEEP_FAULTS:-} == 1 ]]; then
        say "kept the work folder $work"
    else
        rm -rf "$work"
    fi
    if [[ $result == PASS ]]; then
        echo "PASS: deploy/test-faults.sh: seed $FAULT_SEED, ${final_figures:-} (all in $((SECONDS - started_at)) s)"
    else
        echo "FAIL: deploy/test-faults.sh: $failure (seed $FAULT_SEED; replay with FAULT_SEED=$FAULT_SEED FAULT_PARTS=\"$FAULT_PARTS\")"
        ((status != 0)) || status=1
    fi
    exit "$status"
}
trap cleanup EXIT
# kill_tree PID: SIGTERM to PID and every process below it (a part's subshell and what it runs).
kill_tree() {
    local child
    for child in $(cat "/proc/$1/task/"*/children 2>/dev/null); do kill_tree "$child"; done
    kill -TERM "$1" 2>/dev/null || true
}
part_pid=""
trap 'failure="interrupted"; [[ -z $part_pid ]] || kill_tree "$part_pid"; exit 130' INT TERM

check() {
    # check DESCRIPTION COMMAND...: runs the command; on failure, fails the part (or the suite).
    local description=$1
    shift
    if ! "$@"; then
        fail "$description"
    fi
}

fail() {
    failure=$1
    [[ -z $current_part ]] || printf '%s\n' "$1" >"$work/failure.$current_part"
    exit 1
}

redress() { "$REDRESS" "$@"; }
quietly() { "$@" >/dev/null; }

# Seconds since START (from `now`), one decimal.
now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# ---------------------------------------------------------------- the seed
# RANDOM is seeded per part, so one part's choices do not depend on which
# parts ran before it. rand sets REPLY (never call it in $(...): a subshell's
# draws are lost to the parent).
seed_part() {
    local offset
    offset=$(printf '%s' "$1" | cksum | awk '{print $1 % 100000}')
    RANDOM=$(((FAULT_SEED * 7919 + offset) % 2147483647))
}
rand() { REPLY=$(($1 + (((RANDOM << 15) | RANDOM) % ($2 - $1 + 1)))); }

# ---------------------------------------------------------------- node helpers
# A node is a folder NODE: NODE/data (its store), NODE/redress.json (written
# by write_config), and while it runs NODE/serve.pid, NODE/serve.pgid and
# NODE/serve.log (appended to on every start); NODE/serve.exit gets its exit
# status when it ends. These helpers are meant for every part, including
# those still to come (corruption, clock skew).

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pick_ports COUNT: sets REPLY to a base port with COUNT free ports from it on 127.0.0.1.
# (SRANDOM, not RANDOM: free ports must not shift the seeded choices.)
pick_ports() {
    local count=$1 port offset free
    for _ in $(seq 50); do
        # Below Linux's ephemeral range (32768-60999), so no outgoing connection holds one meanwhile.
        port=$((20000 + SRANDOM % 12000))
        free=1
        for ((offset = 0; offset < count; offset++)); do port_free $((port + offset)) || { free=0; break; }; done
        if ((free)); then REPLY=$port; return 0; fi
    done
    fail "no $count free ports found on 127.0.0.1"
}

# make_cluster DIR N: N nodes DIR/node1..nodeN of one cluster (division
# head-office, first admin `admin`; node1 also holds the supervisor `sup`,
# which reaches the others by syncing), none started, no configuration yet.
# Copies of a template made once per run and N, since key generation is what costs.
make_cluster() {
    local dir=$1 n=$2 template=$work/template-$2 i
    if [[ ! -d $template ]]; then
        mkdir -p "$template.tmp/node1"
        quietly redress cluster init --data-dir "$template.tmp/node1/data" --division head-office --node-name node1 --user admin \
            --recovery-key-out "$template.tmp/recovery-key.txt"
        for ((i = 2; i <= n; i++)); do
            mkdir -p "$template.tmp/node$i"
            quietly redress node add "node$i" --division head-office --out "$template.tmp/bundle$i" \
                --data-dir "$template.tmp/node1/data" --user admin
            quietly redress init --join "$template.tmp/bundle$i" --data-dir "$template.tmp/node$i/data" --user admin
            rm -rf "$template.tmp/bundle$i"
        done
        quietly redress user add sup --division head-office --role supervisor --name "Fault supervisor" --no-password \
            --data-dir "$template.tmp/node1/data" --user admin
        mv "$template.tmp" "$template"
    fi
    mkdir -p "$dir"
    for ((i = 1; i <= n; i++)); do cp -a "$template/node$i" "$dir/node$i"; done
}

# imported_copy NODE N: NODE/data becomes node1 of the N-node template with the CFPB sample
# imported (imported once per run and N; the import's JSON summary is in NODE/import.json).
imported_copy() {
    local node=$1 n=$2 cache=$work/template-$2/imported
    if [[ ! -d $cache ]]; then
        rm -rf "$cache.tmp" && mkdir -p "$cache.tmp"
        cp -a "$work/template-$n/node1/data" "$cache.tmp/data"
        redress import "$FAULT_SAMPLE" --data-dir "$cache.tmp/data" --user admin --json >"$cache.tmp/import.json" 2>/dev/null ||
            fail "redress import of $FAULT_SAMPLE failed"
        mv "$cache.tmp" "$cache"
    fi
    rm -rf "$node/data"
    cp -a "$cache/data" "$node/data"
    cp "$cache/import.json" "$node/import.json"
}

# write_config NODE LISTEN [PEER...]: the node's redress.json (no HTTP listener).
write_config() {
    local node=$1 listen=$2 peers="" peer
    shift 2
    for peer in "$@"; do peers+="${peers:+, }\"$peer\""; done
    cat >"$node/redress.json" <<EOF
{
  "_comment": "${node#"$work"/} of deploy/test-faults.sh",
  "data_dir": "$node/data",
  "listen": "$listen",
  "peers": [$peers],
  "sync_interval_seconds": $FAULT_SYNC_INTERVAL,
  "http": "off",
  "user": "admin"
}
EOF
    printf '%s\n' "$listen" >"$node/listen"
}

node_name() { printf '%s' "${1#"$work"/}"; }

# Whether NODE's serve runs now.
node_running() {
    [[ -f $1/serve.pid && ! -f $1/serve.exit ]] && kill -0 "$(<"$1/serve.pid")" 2>/dev/null
}

# start_node NODE [NETNS]: starts `redress serve --config NODE/redress.json`
# (inside NETNS if given, with `ulimit -n $NODE_NOFILE` if set) in a process
# group of its own, and waits (bounded) until it listens for peers.
start_node() {
    local node=$1 ns=${2:-} before
    ! node_running "$node" || fail "$(node_name "$node") is running already"
    rm -f "$node/serve.pid" "$node/serve.pgid" "$node/serve.exit"
    grep -qxF "$node" "$work/started.nodes" 2>/dev/null || printf '%s\n' "$node" >>"$work/started.nodes"
    before=$(grep -c 'listening for peers' "$node/serve.log" 2>/dev/null || true)
    # The supervisor records serve's exit status, so a stop can tell a clean exit from a crash.
    setsid bash -c 'echo $$ >"$1/serve.pgid"
                    if [[ -n $3 ]]; then ulimit -n "$3" || exit 97; fi
                    if [[ -n $2 ]]; then
                        ip netns exec "$2" "$4" serve --config "$1/redress.json" >>"$1/serve.log" 2>&1 &
                    else
                        "$4" serve --config "$1/redress.json" >>"$1/serve.log" 2>&1 &
                    fi
                    pid=$!
                    echo "$pid" >"$1/serve.pid.tmp" && mv "$1/serve.pid.tmp" "$1/serve.pid"
                    wait "$pid"; echo $? >"$1/serve.exit"' \
        redress-fault-node "$node" "$ns" "${NODE_NOFILE:-}" "$REDRESS" </dev/null >/dev/null 2>&1 &
    local deadline=$((SECONDS + START_TIMEOUT))
    until [[ -f $node/serve.pid ]] && (($(grep -c 'listening for peers' "$node/serve.log" 2>/dev/null || true) > ${before:-0})); do
        if [[ -f $node/serve.exit ]]; then
            tail -n 20 "$node/serve.log" >&2 || true
            fail "$(node_name "$node") exited with status $(<"$node/serve.exit") while starting"
        fi
        ((SECONDS < deadline)) || fail "$(node_name "$node") did not listen within ${START_TIMEOUT}s"
        sleep 0.1
    done
}

# stop_node NODE: SIGTERM, then waits (bounded) for its exit; fails unless it is 0.
stop_node() {
    local node=$1 pid
    [[ -f $node/serve.pid ]] || return 0
    pid=$(<"$node/serve.pid")
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + STOP_TIMEOUT))
    until [[ -f $node/serve.exit ]]; do
        if ((SECONDS >= deadline)); then
            kill -KILL "$pid" 2>/dev/null || true
            fail "$(node_name "$node") did not stop within ${STOP_TIMEOUT}s of SIGTERM"
        fi
        sleep 0.1
    done
    rm -f "$node/serve.pid"
    [[ $(<"$node/serve.exit") == 0 ]] || fail "$(node_name "$node") exited with status $(<"$node/serve.exit") on SIGTERM"
}

# kill_node NODE: SIGKILL, and waits (bounded) until its supervisor saw it end.
kill_node() {
    local node=$1 pid
    pid=$(<"$node/serve.pid")
    kill -KILL "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 10))
    until [[ -f $node/serve.exit ]]; do
        ((SECONDS < deadline)) || fail "$(node_name "$node") (pid $pid) still runs 10 s after SIGKILL"
        sleep 0.05
    done
    rm -f "$node/serve.pid"
}

node_digest() { redress digest --data-dir "$1/data"; }

# digests_equal NODE...: prints each node's digest; succeeds if all are equal.
digests_equal() {
    local node digest first="" equal=0
    for node in "$@"; do
        digest=$(node_digest "$node") || return 2
        printf '%s %s\n' "$(node_name "$node")" "$digest"
        if [[ -z $first ]]; then first=$digest; elif [[ $digest != "$first" ]]; then equal=1; fi
    done
    return "$equal"
}

# wait_converged LABEL TIMEOUT NODE...: polls the digests every 0.5 s until
# they are equal; sets converged_seconds; fails after TIMEOUT seconds, or at
# once if a started node has exited.
wait_converged() {
    local label=$1 timeout=$2 start digests node
    shift 2
    start=$(now)
    local deadline=$((SECONDS + timeout))
    until digests=$(digests_equal "$@" 2>&1); do
        for node in "$@"; do
            if [[ -f $node/serve.exit ]]; then
                fail "$label: $(node_name "$node") exited with status $(<"$node/serve.exit") while converging"
            fi
        done
        if ((SECONDS >= deadline)); then
            say "$label: digests after ${timeout}s:"
            printf '%s\n' "$digests" | sed 's/^/    /'
            for node in "$@"; do redress status --data-dir "$node/data" 2>&1 | sed 's/^/    /' || true; done
            fail "$label: the digests were still different after ${timeout}s"
        fi
        sleep 0.5
    done
    converged_seconds=$(seconds_since "$start")
}

# sync_once NODE PEER [TIMEOUT]: one `redress sync` of NODE with PEER (host:port),
# bounded by TIMEOUT seconds (default 60). Its JSON report goes to NODE/sync.json,
# its wall-clock seconds to sync_seconds; returns its exit status (124 on timeout).
sync_once() {
    local node=$1 peer=$2 timeout=${3:-60} start status=0
    start=$(now)
    timeout --kill-after=5 "$timeout" "$REDRESS" sync --peer "$peer" --data-dir "$node/data" --json \
        >"$node/sync.json" 2>"$node/sync.err" || status=$?
    sync_seconds=$(seconds_since "$start")
    return "$status"
}

# json_field FILE KEY: one top-level field of a JSON object in FILE.
json_field() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

# db_query NODE SQL: one value, read straight from the node's SQLite file (read-only).
db_query() {
    python3 - "$1/data/redress.sqlite" "$2" <<'PY'
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True, timeout=10)
print(db.execute(sys.argv[2]).fetchone()[0])
PY
}
complaint_count() { db_query "$1" "SELECT count(*) FROM complaint"; }
imported_count() { db_query "$1" "SELECT count(*) FROM complaint WHERE externalRef IS NOT NULL"; }

# peers_failing NODE ADDRESS...: whether NODE's status records a failed sync
# (a last error, which a successful sync clears) with every ADDRESS.
peers_failing() {
    local node=$1
    shift
    redress status --json --data-dir "$node/data" | python3 -c '
import json, sys
peers = {p.get("address"): p for p in json.load(sys.stdin)["peers"]}
sys.exit(0 if all(peers.get(a, {}).get("last_error") for a in sys.argv[1:]) else 1)
' "$@"
}

# add_complaint NODE NAME DESCRIPTION: records a complaint; prints its id.
add_complaint() {
    redress complaint add --data-dir "$1/data" --user admin --channel email --name "$2" \
        --contact "fault-$FAULT_SEED@example.org" --product "Current account" --category fees --description "$3" \
        --requested-remedy refund | tail -n 1
}

# spawn NAME COMMAND...: runs COMMAND in the background in a process group of
# its own (ended by the clean-up whatever happens); sets REPLY to its pid.
spawn() {
    local name=$1 file=$work/$1.pgid
    shift
    rm -f "$file"
    printf '%s\n' "$file" >>"$work/started.helpers"
    setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' spawn "$file" "$@" </dev/null >"$work/$name.out" 2>&1 &
    local deadline=$((SECONDS + 10))
    until [[ -s $file ]]; do
        ((SECONDS < deadline)) || fail "$name did not start"
        sleep 0.05
    done
    REPLY=$(<"$file")
}

# Whether process PID runs (and is not a zombie waiting to be reaped).
alive() { [[ -e /proc/$1 ]] && ! grep -q '^[^)]*) Z' "/proc/$1/stat" 2>/dev/null; }

# end_spawned NAME: SIGKILL to the group of what spawn NAME started.
end_spawned() {
    local file=$work/$1.pgid
    [[ -f $file ]] || return 0
    kill -KILL -- "-$(<"$file")" 2>/dev/null || true
    wait "$(<"$file")" 2>/dev/null || true
}

# ---------------------------------------------------------------- network namespaces

# Whether this machine lets us make namespaces with iptables in them; REPLY gets the reason if not.
netns_usable() {
    local probe=${netns_prefix}-probe out
    command -v ip >/dev/null || { REPLY="no ip command"; return 1; }
    command -v iptables >/dev/null || { REPLY="no iptables command"; return 1; }
    printf '%s\n' "$probe" >>"$work/started.netns"
    if ! out=$(ip netns add "$probe" 2>&1); then REPLY="ip netns add: $out"; return 1; fi
    if ! out=$({ ip -n "$probe" link set lo up && ip netns exec "$probe" iptables -A INPUT -s 10.213.0.1 -j DROP; } 2>&1); then
        ip netns del "$probe" 2>/dev/null || true
        REPLY="iptables in a namespace: $out"
        return 1
    fi
    ip netns del "$probe"
}

# make_netns NAME: a namespace with lo up, removed by the clean-up.
make_netns() {
    printf '%s\n' "$1" >>"$work/started.netns"
    ip netns add "$1"
    ip -n "$1" link set lo up
}

# bridge_net PREFIX N SUBNET: namespaces PREFIX-br (a bridge) and PREFIX-n1..nN,
# each with eth0 = SUBNET.K/24 on a veth to the bridge.
bridge_net() {
    local prefix=$1 n=$2 subnet=$3 i
    make_netns "$prefix-br"
    ip -n "$prefix-br" link add br0 type bridge
    ip -n "$prefix-br" link set br0 up
    for ((i = 1; i <= n; i++)); do
        make_netns "$prefix-n$i"
        ip -n "$prefix-n$i" link add eth0 type veth peer name "v$i" netns "$prefix-br"
        ip -n "$prefix-br" link set "v$i" master br0 up
        ip -n "$prefix-n$i" addr add "$subnet.$i/24" dev eth0
        ip -n "$prefix-n$i" link set eth0 up
    done
}

# pair_net PREFIX SUBNET: namespaces PREFIX-n1 and PREFIX-n2 joined by one veth pair (SUBNET.1, SUBNET.2).
pair_net() {
    local prefix=$1 subnet=$2
    make_netns "$prefix-n1"
    make_netns "$prefix-n2"
    ip -n "$prefix-n1" link add eth0 type veth peer name eth0 netns "$prefix-n2"
    ip -n "$prefix-n1" addr add "$subnet.1/24" dev eth0
    ip -n "$prefix-n2" addr add "$subnet.2/24" dev eth0
    ip -n "$prefix-n1" link set eth0 up
    ip -n "$prefix-n2" link set eth0 up
}

in_netns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# Polls (bounded) until ADDRESS answers from namespace NS: a TCP connection
# to its port 9, where nothing listens, refused (or accepted) within a second.
wait_reachable() {
    local ns=$1 address=$2 deadline=$((SECONDS + 10))
    until in_netns "$ns" python3 -c '
import socket, sys
s = socket.socket()
s.settimeout(1)
try:
    s.connect((sys.argv[1], 9))
except ConnectionRefusedError:
    pass
except OSError:
    sys.exit(1)
' "$address"; do
        ((SECONDS < deadline)) || fail "$address does not answer from $ns"
    done
}

skip_part() {
    printf '%s\n' "$1" >"$work/skip.$current_part"
    echo "SKIP: $current_part ($1)"
}

summary() {
    printf '%s\n' "$*" >"$work/summary.$current_part"
    say "$current_part: $*"
}

# ---------------------------------------------------------------- the sample

# The rows of FAULT_SAMPLE that an import can take at most (distinct Complaint IDs).
sample_ids() {
    python3 - "$FAULT_SAMPLE" <<'PY'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8-sig") as handle:
    print(len({row.get("Complaint ID") for row in csv.DictReader(handle)}))
PY
}

# ================================================================ part: kill

# The acknowledged writes: complaints recorded in turn on each node until
# DIR/writer.stop exists (at most KILL_WRITES); the ids of those whose
# `complaint add` exited 0 go to DIR/acked, refusals are counted in DIR/refused.
writer_loop() {
    set -o pipefail
    local dir=$1 i=0 node id start
    shift
    local nodes=("$@")
    while ((i < KILL_WRITES)) && [[ ! -e $dir/writer.stop ]]; do
        node=${nodes[i % ${#nodes[@]}]}
        i=$((i + 1))
        start=$(date +%s.%N)
        if id=$("$REDRESS" complaint add --data-dir "$node/data" --user admin --channel phone --name "Acknowledged $FAULT_SEED-$i" \
            --contact "ack$i@example.org" --product "Current account" --category fees \
            --description "Acknowledged write $i of seed $FAULT_SEED" --requested-remedy refund 2>>"$dir/writer.err" | tail -n 1) &&
            [[ -n $id ]]; then
            printf '%s\n' "$id" >>"$dir/acked"
        else
            printf '%s %s at %s after %ss\n' "$i" "${node##*/}" "$(date -d "@$start" +%T.%N)" "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')" >>"$dir/refused"
        fi
        # Pacing, so the writes spread over the whole part.
        sleep 0.2
    done
    touch "$dir/writer.done"
}

# wait_count LABEL NODE TARGET PID: polls NODE's imported complaints every 0.1 s
# until they reach TARGET (returns 0), or until process PID (if given) ends (returns 1).
wait_count() {
    local label=$1 node=$2 target=$3 pid=${4:-} deadline=$((SECONDS + STEP_TIMEOUT)) count
    while :; do
        count=$(imported_count "$node")
        ((count < target)) || return 0
        if [[ -n $pid ]] && ! alive "$pid"; then return 1; fi
        ((SECONDS < deadline)) || fail "$label: $(node_name "$node") held $count imported complaints after ${STEP_TIMEOUT}s, waiting for $target"
        sleep 0.1
    done
}

# event DIR TEXT: a timestamped line in DIR/events, to read with KEEP_FAULTS=1.
event() { printf '%s %s\n' "$(date +%T.%N)" "${*:2}" >>"$1/events"; }

part_kill() {
    local dir=$work/kill a b port total kills=0 mid=0 kinds=() round pid target percent count
    pick_ports 2
    port=$REPLY
    seed_part kill
    make_cluster "$dir" 2
    a=$dir/node1 b=$dir/node2
    write_config "$a" "127.0.0.1:$port" "127.0.0.1:$((port + 1))"
    write_config "$b" "127.0.0.1:$((port + 1))" "127.0.0.1:$port"
    total=$(sample_ids)
    say "kill: nodes on 127.0.0.1:$port-$((port + 1)); the sample has $total complaint ids"

    # node1 serves during the import; node2 is down until its catch-up.
    start_node "$a"
    KILL_WRITES=$KILL_WRITES FAULT_SEED=$FAULT_SEED setsid bash -c "$(declare -f writer_loop)"'
        echo $$ >"$1/writer.pgid"; writer_loop "$@"' writer "$dir" "$a" "$b" </dev/null >/dev/null 2>&1 &
    printf '%s\n' "$dir/writer.pgid" >>"$work/started.helpers"

    # 1. The import, killed twice at seeded points, then run to its end.
    for round in 1 2; do
        if ((round == 1)); then rand 10 40; else rand 50 85; fi
        percent=$REPLY
        target=$((total * percent / 100))
        rand 0 400
        local delay=$REPLY
        spawn "import$round" "$REDRESS" import "$FAULT_SAMPLE" --data-dir "$a/data" --user admin
        pid=$REPLY
        if wait_count "kill: import $round" "$a" "$target" "$pid"; then
            sleep "$(awk -v ms="$delay" 'BEGIN { printf "%.3f", ms / 1000 }')"
        fi
        if alive "$pid"; then
            count=$(imported_count "$a")
            end_spawned "import$round"
            event "$dir" "killed import $round at $count"
            kills=$((kills + 1)) mid=$((mid + 1))
            kinds+=("import at $count of $total")
        else
            say "kill: import $round ended before its kill point ($percent%)"
            wait "$pid" 2>/dev/null || true
        fi
    done
    local import_start
    import_start=$(now)
    event "$dir" "last import starts"
    redress import "$FAULT_SAMPLE" --data-dir "$a/data" --user admin --json >"$dir/import.json" 2>/dev/null ||
        fail "kill: the import after $kills kills failed"
    event "$dir" "last import done"
    local imported duplicates rejected expected_imported
    imported=$(json_field "$dir/import.json" imported)
    duplicates=$(json_field "$dir/import.json" duplicates)
    rejected=$(json_field "$dir/import.json" rejected)
    expected_imported=$((imported + duplicates))
    say "kill: the last import took $(seconds_since "$import_start")s: imported $imported, duplicates $duplicates, rejected $rejected"
    ((expected_imported + rejected == total)) ||
        fail "kill: imported $imported + duplicates $duplicates + rejected $rejected is not the sample's $total complaint ids"
    count=$(imported_count "$a")
    ((count == expected_imported)) || fail "kill: node1 holds $count imported complaints after the kills, expected $expected_imported"

    # 2. node2 catches up with node1 over sync; kills at seeded fractions of the way.
    local catchup_start
    catchup_start=$(now)
    rand 3 15
    target=$((expected_imported * REPLY / 100))
    spawn sync-client "$REDRESS" sync --peer "127.0.0.1:$port" --data-dir "$b/data"
    pid=$REPLY
    if wait_count "kill: sync client" "$b" "$target" "$pid"; then
        if alive "$pid"; then
            count=$(imported_count "$b")
            end_spawned sync-client
            event "$dir" "killed the sync client at $count"
            kills=$((kills + 1)) mid=$((mid + 1))
            kinds+=("sync client at $count")
        fi
    else
        say "kill: the one-shot sync ended before its kill point"
    fi
    start_node "$b"
    event "$dir" "node2 started"
    local points=() victim
    rand 20 40; points+=("$REPLY")
    rand 45 65; points+=("$REPLY")
    rand 70 90; points+=("$REPLY")
    for round in 0 1 2; do
        if ((round < 2)); then victim=$b; else victim=$a; fi
        target=$((expected_imported * points[round] / 100))
        wait_count "kill: kill point $((round + 1))" "$b" "$target"
        rand 0 300
        sleep "$(awk -v ms="$REPLY" 'BEGIN { printf "%.3f", ms / 1000 }')"
        count=$(imported_count "$b")
        kill_node "$victim"
        event "$dir" "killed $(node_name "$victim") at $count"
        kills=$((kills + 1))
        if ((count < expected_imported)); then mid=$((mid + 1)); fi
        kinds+=("$(node_name "$victim" | sed 's/.*\///') serve at $count")
        start_node "$victim"
    done
    touch "$dir/writer.stop"
    local deadline=$((SECONDS + 60))
    until [[ -f $dir/writer.done ]]; do
        ((SECONDS < deadline)) || fail "kill: the writer did not stop within 60 s"
        sleep 0.1
    done
    wait_converged "kill" "$CONVERGE_TIMEOUT" "$a" "$b"
    local catchup
    catchup=$(seconds_since "$catchup_start")

    # 3. Nothing lost, nothing twice.
    local acked refused locked
    acked=0 refused=0
    [[ ! -f $dir/acked ]] || acked=$(wc -l <"$dir/acked")
    [[ ! -f $dir/refused ]] || refused=$(wc -l <"$dir/refused")
    locked=$(grep -c 'is locked by another process' "$dir/writer.err" 2>/dev/null || true)
    ((acked > 0)) || fail "kill: no complaint add succeeded (see $dir/writer.err)"
    local problems
    problems=$(python3 - "$dir/acked" "$((acked + expected_imported))" "$a/data/redress.sqlite" "$b/data/redress.sqlite" <<'PY'
import sqlite3, sys
acked = [line.strip() for line in open(sys.argv[1]) if line.strip()]
expected = int(sys.argv[2])
problems = []
for path in sys.argv[3:]:
    name = path.split("/")[-3]
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=10)
    ids = {row[0].lower() for row in db.execute("SELECT id FROM complaint")}
    missing = [i for i in acked if i.lower() not in ids and not any(x.startswith(i.lower()) for x in ids)]
    count = db.execute("SELECT count(*) FROM complaint").fetchone()[0]
    refs, distinct = db.execute("SELECT count(externalRef), count(DISTINCT externalRef) FROM complaint").fetchone()
    if missing:
        problems.append("%s lacks %d acknowledged complaints (%s)" % (name, len(missing), ", ".join(missing[:3])))
    if count != expected:
        problems.append("%s holds %d complaints, expected %d" % (name, count, expected))
    if refs != distinct:
        problems.append("%s holds %d imported rows for %d references" % (name, refs, distinct))
print("; ".join(problems))
PY
    )
    [[ -z $problems ]] || fail "kill: $problems"
    stop_node "$a"
    stop_node "$b"
    say "kill: killed $(printf '%s, ' "${kinds[@]}" | sed 's/, $//')"
    local refusals="none refused"
    ((refused == 0)) || refusals="$refused refused, ${locked:-0} of them as \"locked by another process\""
    summary "$kills kills survived ($mid mid-work), $acked acknowledged writes all kept ($refusals), $expected_imported imported once each, node2 caught up in ${catchup}s, equal digests"
}

# ================================================================ part: partition

# show_json NODE ID: the complaint as `redress show --json` prints it on NODE.
show_json() { redress show "$2" --json --data-dir "$1/data" --user admin; }

part_partition() {
    if ! netns_usable; then
        skip_part "no network namespaces: $REPLY"
        return 0
    fi
    local dir=$work/partition prefix=${netns_prefix}p subnet=10.213.7 i
    seed_part partition
    make_cluster "$dir" 3
    bridge_net "$prefix" 3 "$subnet"
    local nodes=("$dir/node1" "$dir/node2" "$dir/node3")
    for i in 1 2 3; do
        local peers=() j
        for j in 1 2 3; do ((j == i)) || peers+=("$subnet.$j:7420"); done
        write_config "$dir/node$i" "$subnet.$i:7420" "${peers[@]}"
    done
    wait_reachable "$prefix-n1" "$subnet.2"
    wait_reachable "$prefix-n1" "$subnet.3"
    for i in 1 2 3; do start_node "$dir/node$i" "$prefix-n$i"; done

    # Before: one shared complaint with a tag, known to all three.
    local shared
    shared=$(add_complaint "$dir/node1" "Partitioned Customer $FAULT_SEED" "The complaint both sides of the partition edit")
    quietly redress tag "$shared" --add legacy --data-dir "$dir/node1/data" --user sup
    wait_converged "partition: before" "$CONVERGE_TIMEOUT" "${nodes[@]}"
    local before
    before=$(complaint_count "$dir/node1")
    say "partition: three nodes in namespaces $prefix-n1..3 ($subnet.1-3) converged in ${converged_seconds}s; shared complaint $shared"

    # Cut: packets between node1 and the others vanish (dropped where they arrive, so senders time out).
    in_netns "$prefix-n1" iptables -A INPUT -s "$subnet.2" -j DROP
    in_netns "$prefix-n1" iptables -A INPUT -s "$subnet.3" -j DROP
    in_netns "$prefix-n2" iptables -A INPUT -s "$subnet.1" -j DROP
    in_netns "$prefix-n3" iptables -A INPUT -s "$subnet.1" -j DROP
    local cut_at
    cut_at=$(now)

    # Both sides edit the shared complaint; which side assigns last is seeded.
    local one=$dir/node1 two=$dir/node2 three=$dir/node3 last first_assignee second_assignee
    rand 0 1
    last=$REPLY
    quietly redress escalate "$shared" --data-dir "$three/data" --user sup
    quietly redress acknowledge "$shared" --data-dir "$one/data" --user sup
    quietly redress note "$shared" "Side A note $FAULT_SEED: called the branch" --data-dir "$one/data" --user sup
    quietly redress note "$shared" "Side B note $FAULT_SEED: checked the statement" --data-dir "$two/data" --user sup
    quietly redress tag "$shared" --remove legacy --add side-a --data-dir "$one/data" --user sup
    quietly redress tag "$shared" --add legacy --add side-b --data-dir "$two/data" --user sup
    if ((last == 0)); then
        first_assignee=kim second_assignee=sam
        quietly redress assign "$shared" --to kim --data-dir "$two/data" --user sup
        quietly redress assign "$shared" --to sam --data-dir "$one/data" --user sup
    else
        first_assignee=sam second_assignee=kim
        quietly redress assign "$shared" --to sam --data-dir "$one/data" --user sup
        quietly redress assign "$shared" --to kim --data-dir "$two/data" --user sup
    fi
    local new=()
    for i in 1 2; do new+=("$(add_complaint "$one" "Side A customer $i" "Recorded on node1 during the partition")"); done
    new+=("$(add_complaint "$two" "Side B customer 1" "Recorded on node2 during the partition")")
    new+=("$(add_complaint "$three" "Side B customer 2" "Recorded on node3 during the partition")")

    # The partition holds: node2 and node3 converge with each other, node1
    # stays apart, and both sides record failed syncs across the cut (the
    # first after the 10 s connect timeout).
    wait_converged "partition: node2 and node3 while cut off" "$CONVERGE_TIMEOUT" "$two" "$three"
    # (90 s: a sync caught by the cut mid-session ends at the 60 s idle timeout.)
    local deadline=$((SECONDS + 90))
    until peers_failing "$one" "$subnet.2:7420" "$subnet.3:7420" && peers_failing "$two" "$subnet.1:7420" &&
        peers_failing "$three" "$subnet.1:7420"; do
        ((SECONDS < deadline)) || fail "partition: 90 s after the cut, the nodes' status shows no failed sync across it"
        sleep 0.5
    done
    [[ $(node_digest "$one") != "$(node_digest "$two")" ]] || fail "partition: node1 has node2's digest while cut off: the DROP rules did not partition"
    local held
    held=$(seconds_since "$cut_at")

    # Heal.
    for i in 1 2 3; do in_netns "$prefix-n$i" iptables -F INPUT; done
    wait_converged "partition: after healing" "$CONVERGE_TIMEOUT" "${nodes[@]}"
    local healed=$converged_seconds

    # The merge rules (docs/ARCHITECTURE.md), on every node.
    local node verdict
    for node in "${nodes[@]}"; do
        verdict=$(show_json "$node" "$shared" | python3 -c '
import json, sys
seed, assignee = sys.argv[1], sys.argv[2]
c = json.load(sys.stdin)
problems = []
if c.get("assignee") != assignee:
    problems.append("assignee %r, expected %r (the later write)" % (c.get("assignee"), assignee))
if c.get("level") != 2:
    problems.append("level %r, expected 2 (the escalation)" % c.get("level"))
if c.get("stage") != "acknowledged":
    problems.append("stage %r, expected acknowledged" % c.get("stage"))
tags = set(c.get("tags") or [])
for tag in ("legacy", "side-a", "side-b"):
    if tag not in tags:
        problems.append("tag %s missing (tags %s)" % (tag, sorted(tags)))
texts = [e.get("text") or "" for e in c.get("history") or [] if e.get("kind") == "note"]
for side in ("Side A note %s" % seed, "Side B note %s" % seed):
    if not any(side in t for t in texts):
        problems.append("note %r missing (notes: %s)" % (side, texts))
print("; ".join(problems))
' "$FAULT_SEED" "$second_assignee")
        [[ -z $verdict ]] || fail "partition: $(node_name "$node"): $verdict"
        local count
        count=$(complaint_count "$node")
        ((count == before + ${#new[@]})) || fail "partition: $(node_name "$node") holds $count complaints, expected $((before + ${#new[@]}))"
    done
    for i in 1 2 3; do stop_node "$dir/node$i"; done
    summary "cut for ${held}s, healed and converged in ${healed}s; assignee ${second_assignee} (written after ${first_assignee}), both notes, escalation, add-wins tag and $((${#new[@]})) new complaints on all 3 nodes"
}

# ================================================================ part: lossy

# drop_figures NS: "dropped/seen" packets counted by NS's INPUT rules.
drop_figures() {
    in_netns "$1" iptables -L INPUT -v -x -n | awk '$3 == "DROP" { d += $1 } $3 == "all" || ($3 != "DROP" && NR > 2) { s += $1 } END { printf "%d/%d", d, s }'
}

part_lossy() {
    if ! netns_usable; then
        skip_part "no network namespaces: $REPLY"
        return 0
    fi
    local dir=$work/lossy prefix=${netns_prefix}l subnet=10.213.8
    seed_part lossy
    make_cluster "$dir" 2
    pair_net "$prefix" "$subnet"
    local a=$dir/node1 b=$dir/node2
    write_config "$a" "$subnet.1:7420" "$subnet.2:7420"
    write_config "$b" "$subnet.2:7420" "$subnet.1:7420"
    wait_reachable "$prefix-n1" "$subnet.2"
    local ns lossy_ns=("$prefix-n2")
    [[ $LOSSY_DIRECTIONS != both ]] || lossy_ns+=("$prefix-n1")
    for ns in "${lossy_ns[@]}"; do
        # The first rule counts every packet that arrives; the second drops LOSSY_LOSS of them.
        in_netns "$ns" iptables -A INPUT -i eth0
        in_netns "$ns" iptables -A INPUT -i eth0 -m statistic --mode random --probability "$LOSSY_LOSS" -j DROP
    done
    start_node "$a" "$prefix-n1"
    start_node "$b" "$prefix-n2"
    local start import_seconds
    start=$(now)
    redress import "$FAULT_SAMPLE" --data-dir "$a/data" --user admin --json >"$dir/import.json" 2>/dev/null || fail "lossy: the import failed"
    import_seconds=$(seconds_since "$start")
    wait_converged "lossy" "$LOSSY_TIMEOUT" "$a" "$b"
    local after_import=$converged_seconds total
    total=$(seconds_since "$start")
    local imported count
    imported=$(json_field "$dir/import.json" imported)
    count=$(imported_count "$b")
    ((count == imported)) || fail "lossy: node2 holds $count imported complaints, node1 imported $imported"
    local drops
    drops="dropped $(drop_figures "$prefix-n2") packets arriving at node2"
    [[ $LOSSY_DIRECTIONS != both ]] || drops+=", $(drop_figures "$prefix-n1") at node1"
    stop_node "$a"
    stop_node "$b"
    summary "$imported complaints reached node2 over a link dropping ${LOSSY_LOSS} of the packets ($drops): equal digests ${after_import}s after the ${import_seconds}s import, ${total}s in all"
}

# ================================================================ part: slow

part_slow() {
    local dir=$work/slow port
    pick_ports 2
    port=$REPLY
    seed_part slow
    make_cluster "$dir" 2
    local a=$dir/node1 b=$dir/node2
    imported_copy "$a" 2
    write_config "$a" "127.0.0.1:$port"
    start_node "$a"
    rand 1 1000000
    spawn slow-proxy python3 "$fault_proxy" proxy --listen "127.0.0.1:$((port + 1))" --target "127.0.0.1:$port" \
        --rate "$SLOW_RATE" --latency "$SLOW_LATENCY" --jitter "$SLOW_JITTER" --seed "$REPLY" \
        --stats "$dir/proxy.json" --ready "$dir/proxy.ready" --max-seconds $((SLOW_TIMEOUT + 60))
    local deadline=$((SECONDS + 10))
    until [[ -f $dir/proxy.ready ]]; do
        ((SECONDS < deadline)) || fail "slow: the proxy did not listen within 10 s"
        sleep 0.1
    done
    local status=0
    sync_once "$b" "127.0.0.1:$((port + 1))" "$SLOW_TIMEOUT" || status=$?
    ((status == 0)) || fail "slow: redress sync through the proxy exited $status after ${sync_seconds}s: $(tail -n 3 "$b/sync.err" | tr '\n' ' ')"
    [[ $(json_field "$b/sync.json" completed) == True ]] || fail "slow: the sync through the proxy did not complete: $(cat "$b/sync.json")"
    local digests
    digests=$(digests_equal "$a" "$b") || fail "slow: digests differ after the sync: $(echo "$digests" | tr '\n' ' ')"
    local received sent proxied
    received=$(json_field "$b/sync.json" wire_bytes_received)
    sent=$(json_field "$b/sync.json" wire_bytes_sent)
    end_spawned slow-proxy
    proxied=$(python3 -c 'import json, sys; s = json.load(open(sys.argv[1])); print(s["bytes_to_client"] + s["bytes_to_target"])' "$dir/proxy.json")
    local changes
    changes=$(json_field "$b/sync.json" changes_received)
    stop_node "$a"
    summary "$changes changes through a ${SLOW_RATE} B/s, ${SLOW_LATENCY}±${SLOW_JITTER} ms link in ${sync_seconds}s: $((received / 1024)) KiB received, $((sent / 1024)) KiB sent (the proxy carried $((proxied / 1024)) KiB, $(awk -v b="$proxied" -v s="$sync_seconds" 'BEGIN { printf "%d", b / s / 1024 }') KiB/s), equal digests"
}

# ================================================================ part: flood

# CPU time (clock ticks, user + system) process PID has used.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

part_flood() {
    local dir=$work/flood port
    pick_ports 1
    port=$REPLY
    seed_part flood
    make_cluster "$dir" 2
    local f=$dir/node1 p=$dir/node2
    write_config "$f" "127.0.0.1:$port"
    NODE_NOFILE=$FLOOD_NOFILE start_node "$f"
    local limit
    limit=$(awk '/Max open files/ { print $4 }' "/proc/$(<"$f/serve.pid")/limits")
    [[ $limit == "$FLOOD_NOFILE" ]] || fail "flood: node1 runs with $limit open files, not $FLOOD_NOFILE"

    # Before: the first sync, then an equal-node sync as the baseline.
    check "flood: the first sync failed" sync_once "$p" "127.0.0.1:$port" 60
    quietly add_complaint "$p" "Flood Customer $FAULT_SEED" "Recorded while the sync port was flooded"
    check "flood: the baseline sync failed" sync_once "$p" "127.0.0.1:$port" 60
    local baseline=$sync_seconds lines_before
    lines_before=$(wc -l <"$f/serve.log")

    rand 1 1000000
    spawn flood python3 "$fault_proxy" flood --target "127.0.0.1:$port" --idle "$FLOOD_CONNECTIONS" --garbage "$FLOOD_GARBAGE" \
        --seed "$REPLY" --ready "$dir/flood.ready" --stats "$dir/flood.json" --stop-file "$dir/flood.stop" --max-seconds 120
    local deadline=$((SECONDS + 60))
    until [[ -f $dir/flood.ready ]]; do
        ((SECONDS < deadline)) || fail "flood: the flood did not open its connections within 60 s"
        sleep 0.1
    done
    local connected pid fds cpu_before
    connected=$(json_field "$dir/flood.ready" connected)
    pid=$(<"$f/serve.pid")
    fds=$(find "/proc/$pid/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
    cpu_before=$(cpu_ticks "$pid")
    # The legitimate sync, during the flood.
    quietly add_complaint "$p" "Flood Customer 2 $FAULT_SEED" "Recorded during the flood"
    local status=0 flood_seconds
    sync_once "$p" "127.0.0.1:$port" "$FLOOD_SYNC_TIMEOUT" || status=$?
    flood_seconds=$sync_seconds
    cp "$p/sync.err" "$dir/flood-sync.err"
    local cpu
    cpu=$(awk -v a="$cpu_before" -v b="$(cpu_ticks "$pid")" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", (b - a) / hz }')
    touch "$dir/flood.stop"
    deadline=$((SECONDS + 30))
    until [[ -f $dir/flood.json ]]; do
        ((SECONDS < deadline)) || { end_spawned flood; fail "flood: the flood did not end within 30 s of being told to"; }
        sleep 0.1
    done
    end_spawned flood
    node_running "$f" || fail "flood: node1 is gone after the flood (exit status $(cat "$f/serve.exit" 2>/dev/null || echo unknown))"
    # After the flood: the node serves again (once it has drained what was queued).
    local after_status=0
    sync_once "$p" "127.0.0.1:$port" 60 || after_status=$?
    local after=$sync_seconds
    # The node logs the flood's connections as it gets to them: count once the log is still for a second (bounded).
    local lines=-1 previous=-2
    deadline=$((SECONDS + 20))
    while ((lines != previous && SECONDS < deadline)); do
        previous=$lines
        sleep 1
        lines=$(tail -n +$((lines_before + 1)) "$f/serve.log" | grep -cv 'sync completed\|\] synced' || true)
    done
    local closed garbage
    closed=$(json_field "$dir/flood.json" closed_by_server)
    garbage=$(json_field "$dir/flood.json" garbage_connections)
    local figures="legitimate sync ${flood_seconds}s during the flood (limit ${FLOOD_SYNC_LIMIT}s; ${baseline}s before it, ${after}s after), $connected idle + $garbage garbage connections (node1 held $fds files of $FLOOD_NOFILE, used ${cpu}s of CPU meanwhile, closed $closed idle ones), log +$lines lines"
    if ((status != 0)); then
        local why
        why=$(grep -v '^[[:space:]]*$' "$dir/flood-sync.err" | tail -n 1 | cut -c1-200 || true)
        ((status != 124)) || why="timed out${why:+; $why}"
        fail "flood: the legitimate sync during the flood failed (exit status $status: ${why:-no message}) after ${flood_seconds}s | $figures"
    fi
    ((after_status == 0)) || fail "flood: a sync after the flood failed: $(tail -n 1 "$p/sync.err" | cut -c1-200) | $figures"
    node_running "$f" || fail "flood: node1 is gone after the flood | $figures"
    ((lines <= FLOOD_LOG_LIMIT)) || fail "flood: the flood added $lines lines to node1's log (limit $FLOOD_LOG_LIMIT) | $figures"
    awk -v s="$flood_seconds" -v l="$FLOOD_SYNC_LIMIT" 'BEGIN { exit !(s <= l) }' ||
        fail "flood: the legitimate sync took ${flood_seconds}s during the flood (limit ${FLOOD_SYNC_LIMIT}s) | $figures"
    digests_equal "$f" "$p" >/dev/null || fail "flood: digests differ after the syncs"
    stop_node "$f"
    summary "$figures"
}

# ================================================================ part: corruption

# flip_in_file FILE FROM TO: replaces the bytes FROM by TO (same length) in
# FILE, as a failing disk would: SQLite's structure stays valid, a value changes.
flip_in_file() {
    python3 - "$1" "$2" "$3" <<'PY' || fail "corruption: $2 is not in $1"
import sys
path, old, new = sys.argv[1], sys.argv[2].encode(), sys.argv[3].encode()
data = open(path, "rb").read()
at = data.find(old)
if at < 0 or len(old) != len(new):
    sys.exit(1)
open(path, "r+b").write(data[:at] + new + data[at + len(old):])
PY
}

part_corruption() {
    seed_part corruption
    local dir=$work/corruption
    make_cluster "$dir" 3
    local n1=$dir/node1 n2=$dir/node2 n3=$dir/node3
    pick_ports 3
    local port=$REPLY
    # node1 dials nobody: only node2 (which dials it) can heal it, and node3 (which dials it too)
    # is the freshly joined node that must not receive what node1 has damaged.
    write_config "$n1" "127.0.0.1:$port"
    write_config "$n2" "127.0.0.1:$((port + 1))" "127.0.0.1:$port"
    write_config "$n3" "127.0.0.1:$((port + 2))" "127.0.0.1:$port"
    rand 1000 9999
    local good="Fault widget $REPLY" bad="Fault widget $((REPLY + 1))"
    local id
    id=$(redress complaint add --data-dir "$n1/data" --user admin --channel email --name "Corruption $FAULT_SEED" \
        --product "$good" --category fees --description "A complaint whose product a failing disk changes") || fail "corruption: complaint add failed"
    id=$(tail -n 1 <<<"$id")
    start_node "$n1"
    start_node "$n2"
    wait_converged "corruption: before" "$CONVERGE_TIMEOUT" "$n1" "$n2"
    stop_node "$n2"
    stop_node "$n1"

    # A byte of node1's file changes while it is stopped.
    flip_in_file "$n1/data/redress.sqlite" "$good" "$bad"
    local check_status=0
    redress check --json --data-dir "$n1/data" >"$dir/check.json" 2>"$dir/check.err" || check_status=$?
    ((check_status == 1)) || fail "corruption: redress check exited $check_status on the damaged file (expected 1)"
    python3 - "$dir/check.json" "$id" <<'PY' || fail "corruption: redress check did not name the damaged complaint: $(cat "$dir/check.json")"
import json, sys
report = json.load(open(sys.argv[1]))
sys.exit(0 if {"table": "complaint", "label": sys.argv[2]} in report["damaged_records"] and not report["healthy"] else 1)
PY
    # The damaged value is neither served nor spread: node3 joins from node1 alone.
    start_node "$n1"
    start_node "$n3"
    local deadline=$((SECONDS + CONVERGE_TIMEOUT))
    until [[ $(db_query "$n3" "SELECT count(*) FROM peerStatus WHERE lastSyncAt IS NOT NULL") -ge 1 ]]; do
        ((SECONDS < deadline)) || fail "corruption: node3 did not sync with node1"
        sleep 0.5
    done
    [[ $(db_query "$n3" "SELECT count(*) FROM complaint WHERE product = '$bad'") == 0 ]] || fail "corruption: the damaged value reached node3"
    [[ $(db_query "$n1" "SELECT count(*) FROM complaint WHERE product = '$bad'") == 0 ]] || fail "corruption: node1 still holds the damaged value"
    # node2, which has the record, heals node1, and node1 then passes it on to node3.
    local start
    start=$(now)
    start_node "$n2"
    wait_converged "corruption: repair" "$CONVERGE_TIMEOUT" "$n1" "$n2" "$n3"
    local repair=$converged_seconds
    local node
    for node in "$n1" "$n3"; do
        [[ $(db_query "$node" "SELECT product FROM complaint WHERE id = '$id'") == "$good" ]] ||
            fail "corruption: $(node_name "$node") does not have the complaint's true product after the repair"
    done
    stop_node "$n3"
    stop_node "$n2"
    stop_node "$n1"
    redress check --data-dir "$n1/data" >"$dir/check-after.txt" 2>&1 || fail "corruption: redress check after the repair: $(cat "$dir/check-after.txt")"
    summary "1 damaged record found by redress check, not sent to a freshly joined node, repaired from a peer in ${repair}s; check clean afterwards"
}

# ================================================================ part: clock

# A `redress` that runs with its wall clock OFFSET seconds off (faketime; its
# monotonic clock, which timers use, is left alone).
skewed_redress() {
    local offset=$1 path=$work/redress-skewed-$1
    cat >"$path" <<WRAPPER
#!/usr/bin/env bash
export FAKETIME_DONT_FAKE_MONOTONIC=1
exec faketime -f '${offset}s' "$REDRESS" "\$@"
WRAPPER
    chmod +x "$path"
    REPLY=$path
}

# peer_clock NODE: "OFFSET WARNING" of NODE's only peer, from `redress status --json`.
peer_clock() {
    redress status --json --data-dir "$1/data" | python3 -c '
import json, sys
peers = [p for p in json.load(sys.stdin)["peers"] if p.get("clock_offset_seconds") is not None]
print("%s %s" % (peers[0]["clock_offset_seconds"], peers[0]["clock_warning"]) if peers else "none none")'
}

# stop_skewed NODE: ends a node started through faketime (which stands between
# serve and a SIGTERM) with its whole process group, and waits (bounded).
stop_skewed() {
    local node=$1
    kill -KILL -- "-$(<"$node/serve.pgid")" 2>/dev/null || true
    local deadline=$((SECONDS + 10))
    while kill -0 -- "-$(<"$node/serve.pgid")" 2>/dev/null; do
        ((SECONDS < deadline)) || fail "clock: $(node_name "$node") still runs 10 s after SIGKILL"
        sleep 0.1
    done
    rm -f "$node/serve.pid"
    touch "$node/serve.exit"
}

part_clock() {
    seed_part clock
    command -v faketime >/dev/null || { skip_part "no faketime command"; return 0; }
    local dir=$work/clock
    make_cluster "$dir" 2
    local n1=$dir/node1 n2=$dir/node2
    pick_ports 2
    local port=$REPLY
    write_config "$n1" "127.0.0.1:$port"
    write_config "$n2" "127.0.0.1:$((port + 1))" "127.0.0.1:$port"
    skewed_redress +600
    local ahead=$REPLY
    [[ $("$ahead" digest --data-dir "$n2/data") =~ ^[0-9a-f]{64}$ ]] || fail "clock: faketime does not run redress"
    local id
    id=$(REDRESS=$ahead "$ahead" complaint add --data-dir "$n2/data" --user admin --channel email --name "Clock $FAULT_SEED" \
        --category fees --description "Written by a node ten minutes ahead" | tail -n 1)
    start_node "$n1"
    REDRESS=$ahead start_node "$n2"
    # node1 refuses node2's changes and says why; both see how far apart the clocks are.
    local deadline=$((SECONDS + CONVERGE_TIMEOUT)) seen
    until seen=$(peer_clock "$n1") && [[ $seen != "none none" ]]; do
        ((SECONDS < deadline)) || fail "clock: node1 never recorded node2's clock"
        sleep 0.5
    done
    local offset=${seen% *} warning=${seen#* }
    awk -v o="$offset" 'BEGIN { exit !(o > 590 && o < 610) }' || fail "clock: node1 measured node2's clock ${offset}s ahead (expected about 600)"
    [[ $warning == True ]] || fail "clock: node1's status does not warn about node2's clock"
    grep -q "clock differs" "$n1/serve.log" || fail "clock: node1's log does not say that node2's clock differs"
    grep -q "ahead of ours" "$n1/serve.log" "$n2/serve.log" || fail "clock: nobody logged the refusal of node2's changes"
    [[ $(db_query "$n1" "SELECT count(*) FROM complaint WHERE id = '$id'") == 0 ]] || fail "clock: node1 took a change stamped ten minutes ahead"
    # No stamp on node1 runs more than the drift limit (60 s) ahead of node1's own clock.
    local stamp wall
    stamp=$(db_query "$n1" "SELECT clock >> 16 FROM localNode")
    wall=$(date +%s%3N)
    ((stamp <= wall + 60000)) || fail "clock: node1 holds a stamp $(((stamp - wall) / 1000)) s ahead of its clock"
    stop_skewed "$n2"

    # node2's clock comes back to 30 s ahead: within the limit, so its changes (the ten-minute-ahead
    # one too, once real time passes it) are accepted, and node1 still warns (30 s > 10 s).
    skewed_redress +30
    local near=$REPLY
    REDRESS=$near start_node "$n2"
    deadline=$((SECONDS + CONVERGE_TIMEOUT))
    until seen=$(peer_clock "$n1") && awk -v o="${seen% *}" 'BEGIN { exit !(o > 20 && o < 40) }'; do
        ((SECONDS < deadline)) || fail "clock: node1 did not see node2's clock at +30 s (last: $seen)"
        sleep 0.5
    done
    [[ ${seen#* } == True ]] || fail "clock: a clock 30 s off is not reported (threshold 10 s)"
    # Its change stamped ten minutes ahead is still in its next batch: still refused, whole, until real time catches up.
    [[ $(db_query "$n1" "SELECT count(*) FROM complaint WHERE id = '$id'") == 0 ]] || fail "clock: node1 took a change stamped ten minutes ahead"
    stamp=$(db_query "$n1" "SELECT clock >> 16 FROM localNode")
    wall=$(date +%s%3N)
    ((stamp <= wall + 60000)) || fail "clock: node1 holds a stamp $(((stamp - wall) / 1000)) s ahead of its clock"
    stop_skewed "$n2"
    stop_node "$n1"
    summary "a node 600 s ahead: measured ${offset}s, warned, refused; at +30 s: warned, its earlier change still refused; node1's newest stamp $(((stamp - wall) / 1000)) s from its clock (limit 60)"
}

# ================================================================ main

check "no redress binary at $REDRESS (run swift build or swift test first)" test -x "$REDRESS"
if [[ ! -r $FAULT_SAMPLE ]]; then
    # A fresh clone has no ../shared: 22 copies of the repository's 300-row CFPB fixture, each with its own ids.
    fixture=$repo_dir/Tests/RedressReportsTests/Fixtures/cfpb_first_300.csv
    say "no CFPB sample at $FAULT_SAMPLE: using $fixture 22 times over"
    python3 - "$fixture" "$work/sample.csv" <<'PY' || fail "could not make a sample from $fixture"
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8-sig") as handle:
    reader = csv.DictReader(handle)
    rows, fields = list(reader), reader.fieldnames
with open(sys.argv[2], "w", newline="", encoding="utf-8") as out:
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    for copy in range(22):
        for row in rows:
            row = dict(row)
            row["Complaint ID"] = "%s%02d" % (row["Complaint ID"], copy)
            writer.writerow(row)
PY
    FAULT_SAMPLE=$work/sample.csv
fi
check "python3 is needed" quietly command -v python3
[[ $FAULT_SEED =~ ^[0-9]+$ ]] || fail "FAULT_SEED must be a number, got '$FAULT_SEED'"
for part in $FAULT_PARTS; do
    declare -F "part_$part" >/dev/null ||
        fail "unknown part '$part' in FAULT_PARTS (known: $(declare -F | awk '$3 ~ /^part_/ { sub(/^part_/, "", $3); names = names (names ? " " : "") $3 } END { print names }'))"
done
say "seed $FAULT_SEED (replay with FAULT_SEED=$FAULT_SEED), parts: $FAULT_PARTS, binary $REDRESS, work folder $work"

passed=() failed=() skipped=() failed_parts=""
for part in $FAULT_PARTS; do
    part_started=$SECONDS
    say "== $part"
    status=0
    # Each part in a subshell of its own: a failure ends that part, the others
    # still run. In the background, so that a signal reaches this shell's trap at once.
    (
        set -eEuo pipefail
        current_part=$part
        trap - EXIT INT TERM
        trap '[[ -f $work/failure.$current_part ]] || printf "%s\n" "line $LINENO: \`$BASH_COMMAND\` failed" >"$work/failure.$current_part"' ERR
        "part_$part"
    ) &
    part_pid=$!
    wait "$part_pid" || status=$?
    part_pid=""
    stop_everything
    if [[ -f $work/skip.$part ]]; then
        skipped+=("$part")
    elif ((status == 0)); then
        passed+=("$part: $(cat "$work/summary.$part") ($((SECONDS - part_started)) s)")
    else
        message=$(cat "$work/failure.$part" 2>/dev/null || echo "exit status $status")
        [[ $message == "$part: "* ]] || message="$part: $message"
        failed+=("$message")
        failed_parts+=" $part"
        say "$part FAILED: ${failed[-1]#*: }"
    fi
done

if ((${#failed[@]} > 0)); then
    for line in "${passed[@]}"; do say "passed $line"; done
    failure="${#failed[@]} of $(wc -w <<<"$FAULT_PARTS") parts failed: $(printf '%s; ' "${failed[@]}")"
    failure=${failure%; }
    exit 1
fi
final_figures="${#passed[@]} of $(wc -w <<<"$FAULT_PARTS") parts passed${skipped[*]:+ (skipped: ${skipped[*]})}"
((${#passed[@]} == 0)) || final_figures+=": $(printf '%s; ' "${passed[@]}")"
final_figures=${final_figures%; }
result=PASS
