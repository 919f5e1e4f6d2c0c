#!/usr/bin/env bash
# Bootstraps a Redress cluster of three nodes on this machine, and starts,
# stops and compares them. For trying replication out and for the
# multi-process test (deploy/test-cluster.sh); on real machines, follow
# deploy/README.md instead.
#
#   deploy/bootstrap-cluster.sh init BASE [BASE_PORT]   CA + three nodes in BASE (peer ports BASE_PORT..BASE_PORT+2, default 7420;
#                                                       dashboards on BASE_PORT+3..BASE_PORT+5)
#   deploy/bootstrap-cluster.sh start BASE              start the three `redress serve` in the background
#   deploy/bootstrap-cluster.sh stop BASE               stop them with SIGTERM; fails unless each exits 0
#   deploy/bootstrap-cluster.sh digests BASE            print each node's digest; exit 0 if all equal, 1 if not
#   deploy/bootstrap-cluster.sh status BASE             `redress status` of each node
#
# Environment:
#   REDRESS        the redress binary (default: .build/debug/redress of this repository)
#   SYNC_INTERVAL  seconds between syncs, written into the configs by init (default 5)
#
# BASE/nodeN/ holds the node's data folder (data/, owner-only), its
# configuration (redress.json), and while it runs serve.pid and serve.log
# (the previous run's log is kept as serve.log.1); serve.exit gets its exit
# status when it ends. Everything listens on
# 127.0.0.1 only.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(cd "$script_dir/.." && pwd)
REDRESS=${REDRESS:-$repo_dir/.build/debug/redress}
SYNC_INTERVAL=${SYNC_INTERVAL:-5}
NODES=(node1 node2 node3)
# One division per node: a head office and two subsidiaries.
DIVISIONS=(head-office retail business)
STOP_TIMEOUT=30
START_TIMEOUT=30

say() { printf '%s\n' "$*"; }
fail() { printf 'bootstrap-cluster: %s\n' "$*" >&2; exit 2; }

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
    exit 2
}

need_binary() {
    [[ -x $REDRESS ]] || fail "no redress binary at $REDRESS: run \`swift build\` first, or set REDRESS=/path/to/redress"
    REDRESS=$(cd "$(dirname "$REDRESS")" && pwd)/$(basename "$REDRESS")
}

absolute() { (cd "$1" && pwd); }

need_cluster() {
    [[ -f $1/cluster.env ]] || fail "$1 holds no cluster made by \`$0 init\` (no cluster.env)"
}

# The pid of a node's running `redress serve`, or nothing.
running_pid() {
    local pidfile=$1/serve.pid pid
    [[ -f $pidfile ]] || return 0
    pid=$(<"$pidfile")
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then printf '%s' "$pid"; fi
}

cmd_init() {
    local base=${1:-} port=${2:-7420}
    [[ -n $base ]] || usage
    [[ $port =~ ^[0-9]+$ ]] && ((port >= 1024 && port <= 65530)) || fail "BASE_PORT must be a number from 1024 to 65530, got '$port'"
    [[ $SYNC_INTERVAL =~ ^[0-9]+([.][0-9]+)?$ ]] || fail "SYNC_INTERVAL must be a number of seconds, got '$SYNC_INTERVAL'"
    [[ $base != *[\"\\]* && $base != *$'\n'* ]] || fail "BASE must not contain quotes, backslashes or newlines"
    [[ ! -e $base ]] || fail "$base exists already; refusing to overwrite it (remove it, or choose another folder)"
    need_binary

    umask 077
    mkdir -p "$base"
    base=$(absolute "$base")
    # A half-made cluster is useless: remove it if any step fails.
    trap 'say "bootstrap-cluster: init failed; removing $base" >&2; rm -rf "$base"' ERR

    local first=${NODES[0]}
    mkdir -p "$base/$first"
    say "Creating the cluster and its CA on $first (division ${DIVISIONS[0]})"
    "$REDRESS" cluster init --data-dir "$base/$first/data" --division "${DIVISIONS[0]}" --node-name "$first" --user admin >/dev/null

    local i
    for i in 1 2; do
        local node=${NODES[$i]} bundle=$base/bundles/${NODES[$i]}
        mkdir -p "$base/$node"
        say "Adding $node (division ${DIVISIONS[$i]}) on $first, and creating it from its bundle"
        "$REDRESS" node add "$node" --division "${DIVISIONS[$i]}" --out "$bundle" --data-dir "$base/$first/data" --user admin >/dev/null
        "$REDRESS" init --join "$bundle" --data-dir "$base/$node/data" --user admin >/dev/null
        # The bundle holds the node's private key, which now lives in its data folder.
        rm -rf "$bundle"
    done
    rmdir "$base/bundles"

    for i in 0 1 2; do
        local node=${NODES[$i]} peers=() j
        for j in 0 1 2; do
            ((j == i)) || peers+=("\"127.0.0.1:$((port + j))\"")
        done
        cat >"$base/$node/redress.json" <<EOF
{
  "_comment": "$node of the local cluster made by deploy/bootstrap-cluster.sh",
  "data_dir": "$base/$node/data",
  "listen": "127.0.0.1:$((port + i))",
  "dashboard": "127.0.0.1:$((port + 3 + i))",
  "peers": [${peers[0]}, ${peers[1]}],
  "sync_interval_seconds": $SYNC_INTERVAL,
  "user": "$node"
}
EOF
    done
    printf 'BASE_PORT=%s\n' "$port" >"$base/cluster.env"
    trap - ERR

    say "Cluster ready in $base:"
    for i in 0 1 2; do
        say "  ${NODES[$i]}  division ${DIVISIONS[$i]}  listens on 127.0.0.1:$((port + i))  dashboard http://127.0.0.1:$((port + 3 + i))/  data $base/${NODES[$i]}/data"
    done
    say "Start it with: $0 start $base"
}

cmd_start() {
    local base=${1:-}
    [[ -n $base ]] || usage
    need_cluster "$base"
    need_binary
    base=$(absolute "$base")
    local node
    for node in "${NODES[@]}"; do
        local dir=$base/$node
        [[ -z $(running_pid "$dir") ]] || fail "$node is running already (pid $(<"$dir/serve.pid")); stop it first"
        rm -f "$dir/serve.pid" "$dir/serve.pgid" "$dir/serve.exit"
        # One log per run; the previous run's stays as serve.log.1.
        if [[ -f $dir/serve.log ]]; then mv -f "$dir/serve.log" "$dir/serve.log.1"; fi
        # A small supervisor records serve's exit status, so that `stop`
        # (another process) can tell a clean stop from a crash. setsid makes
        # it the leader of a new process group (serve.pgid), out of this
        # terminal's (Ctrl-C here does not reach the node), which a test's
        # clean-up can end as a whole.
        setsid bash -c 'echo $$ >"$3/serve.pgid"
                        "$1" serve --config "$2" >"$3/serve.log" 2>&1 & pid=$!
                        echo "$pid" >"$3/serve.pid.tmp" && mv "$3/serve.pid.tmp" "$3/serve.pid"
                        wait "$pid"; echo $? >"$3/serve.exit"' \
            redress-node "$REDRESS" "$dir/redress.json" "$dir" </dev/null >/dev/null 2>&1 &
    done
    # Wait (bounded) until every node listens, or report the one that did not.
    local deadline=$((SECONDS + START_TIMEOUT))
    for node in "${NODES[@]}"; do
        local dir=$base/$node
        # The logger's line (standard error, unbuffered): "... listening for peers".
        until [[ -f $dir/serve.pid && -f $dir/serve.log ]] && grep -q 'listening for peers' "$dir/serve.log"; do
            if [[ -f $dir/serve.exit ]]; then
                tail -n 20 "$dir/serve.log" >&2 || true
                fail "$node exited with status $(<"$dir/serve.exit") while starting (log: $dir/serve.log)"
            fi
            ((SECONDS < deadline)) || fail "$node did not start listening within ${START_TIMEOUT}s (log: $dir/serve.log)"
            sleep 0.2
        done
        say "$node is running (pid $(<"$dir/serve.pid"), listening on 127.0.0.1:$(grep -m1 -o 'redress.listen=[^ ]*' "$dir/serve.log" | sed 's/.*://'), log $dir/serve.log)"
    done
}

cmd_stop() {
    local base=${1:-}
    [[ -n $base ]] || usage
    need_cluster "$base"
    base=$(absolute "$base")
    local node failed=0
    for node in "${NODES[@]}"; do
        local dir=$base/$node pid
        pid=$(running_pid "$dir")
        if [[ -z $pid ]]; then
            [[ -f $dir/serve.pid ]] || { say "$node is not running"; continue; }
        else
            kill -TERM "$pid"
        fi
    done
    for node in "${NODES[@]}"; do
        local dir=$base/$node
        [[ -f $dir/serve.pid ]] || continue
        local deadline=$((SECONDS + STOP_TIMEOUT)) pid
        pid=$(<"$dir/serve.pid")
        until [[ -f $dir/serve.exit ]]; do
            if ((SECONDS >= deadline)); then
                say "$node (pid $pid) did not stop within ${STOP_TIMEOUT}s of SIGTERM; killing it" >&2
                kill -KILL "$pid" 2>/dev/null || true
                failed=1
                break
            fi
            if ! kill -0 "$pid" 2>/dev/null && [[ ! -f $dir/serve.exit ]]; then
                # Its supervisor is gone too (killed): no status to read.
                sleep 0.2
                [[ -f $dir/serve.exit ]] || { say "$node (pid $pid) is gone, exit status unknown" >&2; failed=1; break; }
            fi
            sleep 0.1
        done
        if [[ -f $dir/serve.exit ]]; then
            local status
            status=$(<"$dir/serve.exit")
            if [[ $status == 0 ]]; then
                say "$node stopped (exit status 0)"
            else
                say "$node stopped with exit status $status (log: $dir/serve.log)" >&2
                failed=1
            fi
        fi
        rm -f "$dir/serve.pid"
    done
    return "$failed"
}

cmd_digests() {
    local base=${1:-}
    [[ -n $base ]] || usage
    need_cluster "$base"
    need_binary
    local node first="" equal=0 digest
    for node in "${NODES[@]}"; do
        digest=$("$REDRESS" digest --data-dir "$base/$node/data") || fail "cannot read $node's digest"
        say "$node $digest"
        if [[ -z $first ]]; then first=$digest; elif [[ $digest != "$first" ]]; then equal=1; fi
    done
    return "$equal"
}

cmd_status() {
    local base=${1:-}
    [[ -n $base ]] || usage
    need_cluster "$base"
    need_binary
    local node
    for node in "${NODES[@]}"; do
        say "== $node"
        "$REDRESS" status --data-dir "$base/$node/data"
    done
}

command=${1:-}
[[ $# -gt 0 ]] && shift
case $command in
    init) cmd_init "$@" ;;
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    digests) cmd_digests "$@" ;;
    status) cmd_status "$@" ;;
    -h | --help | help | "") usage ;;
    *) say "bootstrap-cluster: unknown command '$command'" >&2; usage ;;
esac
