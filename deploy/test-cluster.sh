#!/usr/bin/env bash
# Multi-process replication test (issue 4), run by .ci/run after `swift test`.
#
# Three `redress serve` processes made by deploy/bootstrap-cluster.sh, on
# 127.0.0.1 only:
#  1. all stopped: node1 records a shared complaint and one whose personal
#     data will be erased; every node records complaints of its own;
#  2. all started: within a bounded time the three digests are equal; all
#     stopped with SIGTERM, each must exit 0;
#  3. all stopped: each node records more complaints, the shared complaint is
#     edited concurrently on all three nodes (assignee, notes, escalation),
#     node3 erases the other complaint's personal data while node2 adds a
#     note naming the complainant;
#  4. all started: within a bounded time the three digests are equal again;
#     stopped with SIGTERM, each must exit 0; the erased name, contact and
#     description, in plain text or sealed, are in no file of any node's data
#     folder (nor in the logs).
# Confidentiality (issue 11): node2 (division retail) records a complaint
# whose name and description occur nowhere else; after the first sync its
# text is in no file of any node, node2 shows it, node1 (head office) and
# node3 show it as not readable, and node1's report counts it.
#
# Digests are polled every 0.5 s for at most CONVERGE_TIMEOUT seconds
# (default 60). Prints one PASS or FAIL line; exits non-zero on failure.
# Environment: REDRESS (default .build/debug/redress), KEEP_CLUSTER=1 keeps
# the cluster's folder for inspection, BASE_PORT to choose the ports.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(cd "$script_dir/.." && pwd)
export REDRESS=${REDRESS:-$repo_dir/.build/debug/redress}
export SYNC_INTERVAL=1
# The account commands act as unless they say --user: the first admin bootstrap-cluster.sh makes.
export REDRESS_USER=admin
CONVERGE_TIMEOUT=${CONVERGE_TIMEOUT:-60}
bootstrap=$script_dir/bootstrap-cluster.sh
NODES=(node1 node2 node3)

started_at=$SECONDS
work=$(mktemp -d "${TMPDIR:-/tmp}/redress-cluster-test.XXXXXX")
base=$work/cluster
result=FAIL
failure="the test stopped early"

say() { printf '[test-cluster] %s\n' "$*"; }

cleanup() {
    local status=$? node pid
    # Whatever happened, no node outlives the test.
    # Each node runs in its own process group (its supervisor's, serve.pgid).
    for node in "${NODES[@]}"; do
        [[ -f $base/$node/serve.pgid ]] || continue
        pid=$(<"$base/$node/serve.pgid")
        kill -TERM -- "-$pid" 2>/dev/null || continue
        for _ in $(seq 50); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL -- "-$pid" 2>/dev/null || true
    done
    if [[ $result != PASS ]]; then
        for node in "${NODES[@]}"; do
            [[ -f $base/$node/serve.log ]] || continue
            say "--- last lines of $node's log"
            tail -n 25 "$base/$node/serve.log" | sed 's/^/    /'
        done
    fi
    if [[ ${KEEP_CLUSTER:-} == 1 ]]; then
        say "kept the cluster in $base"
    else
        rm -rf "$work"
    fi
    if [[ $result == PASS ]]; then
        echo "PASS: deploy/test-cluster.sh: three redress serve processes converged (${converge_times:-}), stopped cleanly, erased data gone ($((SECONDS - started_at)) s)"
    else
        echo "FAIL: deploy/test-cluster.sh: $failure"
        ((status != 0)) || status=1
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'failure="interrupted"; exit 130' INT TERM

check() {
    # check DESCRIPTION COMMAND...: runs the command; on failure, fails the test.
    local description=$1
    shift
    if ! "$@"; then
        failure=$description
        exit 1
    fi
}

redress() { "$REDRESS" "$@"; }

# Runs a command with its standard output discarded (its errors still show).
quietly() { "$@" >/dev/null; }

# The id printed on the last line of `redress complaint add`.
add_complaint() {
    local node=$1 name=$2 contact=$3 description=$4
    redress complaint add --data-dir "$base/$node/data" --user admin --channel email --name "$name" \
        --contact "$contact" --product "Current account" --category fees --description "$description" \
        --requested-remedy refund | tail -n 1
}

add_own_complaints() {
    local node=$1 round=$2 i
    for i in 1 2 3; do
        add_complaint "$node" "Customer $node-$round-$i" "c$i@$node.example.org" "Complaint $i of $node, round $round" >/dev/null
    done
}

# Whether `redress show ID` on NODE prints TEXT.
shows() {
    redress show "$1" --data-dir "$base/$2/data" --user admin | grep -qF -- "$3"
}

complaint_count() {
    redress list --data-dir "$base/$1/data" | tail -n 1 | awk '{print $1}'
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_base_port() {
    if [[ -n ${BASE_PORT:-} ]]; then echo "$BASE_PORT"; return; fi
    local port
    for _ in $(seq 50); do
        # Below Linux's ephemeral range (32768-60999), so no outgoing connection can hold the port meanwhile.
        port=$((20000 + RANDOM % 12000))
        # Three peer ports and three dashboard ports (bootstrap-cluster.sh).
        local offset free=1
        for offset in 0 1 2 3 4 5; do port_free $((port + offset)) || { free=0; break; }; done
        if ((free)); then echo "$port"; return; fi
    done
    echo "no six free ports found" >&2
    return 1
}

# Polls the digests every 0.5 s until all three are equal; fails after CONVERGE_TIMEOUT s.
wait_for_convergence() {
    local phase=$1 start end digests
    start=$(date +%s.%N)
    local deadline=$((SECONDS + CONVERGE_TIMEOUT))
    until digests=$("$bootstrap" digests "$base" 2>&1); do
        if ((SECONDS >= deadline)); then
            say "digests after ${CONVERGE_TIMEOUT}s:"
            printf '%s\n' "$digests" | sed 's/^/    /'
            for node in "${NODES[@]}"; do redress status --data-dir "$base/$node/data" | sed 's/^/    /' || true; done
            failure="$phase: the digests were still different after ${CONVERGE_TIMEOUT}s"
            exit 1
        fi
        sleep 0.5
    done
    end=$(date +%s.%N)
    local took
    took=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
    converge_times="${converge_times:+$converge_times, }$phase ${took}s"
    say "$phase: all three digests equal after ${took}s: $(printf '%s\n' "$digests" | head -n 1 | awk '{print $2}')"
}

check "no redress binary at $REDRESS (run swift build or swift test first)" test -x "$REDRESS"
port=$(pick_base_port)
say "binary $REDRESS, cluster in $base, ports $port-$((port + 2))"
check "bootstrap-cluster.sh init failed" quietly "$bootstrap" init "$base" "$port"

# A name, contact and description found nowhere else, to search the files for after the erasure.
token=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
retail_name="Wilhelmina Quorndon $token"
retail_description="Xylophone repair fee charged twice, reference $token-retail"
erased_name="Quillon Erasmusdottir $token"
erased_contact="erase-$token@example.org"
erased_description="Overdraft fee charged twice, reference $token-desc"

# 1. All stopped: each node writes its own complaints (as its first admin,
# made by bootstrap-cluster.sh), and node1 makes the accounts that act on the
# shared complaint from every node in phase 3: they reach node2 and node3 only
# by syncing, so phase 3 also shows accounts replicate.
for node in "${NODES[@]}"; do
    check "user add $node failed" quietly redress user add "$node" --division head-office --role supervisor --name "Supervisor on $node" \
        --no-password --data-dir "$base/node1/data" --user admin
done
shared=$(add_complaint node1 "Shared Customer" "shared@example.org" "A complaint every node edits")
erased=$(add_complaint node1 "$erased_name" "$erased_contact" "$erased_description")
for node in "${NODES[@]}"; do add_own_complaints "$node" 1; done
retail=$(add_complaint node2 "$retail_name" "retail-$token@example.org" "$retail_description")
say "phase 1: each node wrote its own complaints while stopped (shared $shared, to erase $erased, retail's $retail)"
# The checks below must be able to fail: the digests differ now, and node1 reads what it wrote.
if quietly "$bootstrap" digests "$base"; then failure="the digests are equal before any sync"; exit 1; fi
check "node1 does not show the name of the complaint it recorded" shows "$erased" node1 "$erased_name"
# The sealed values of the complaint to erase, to look for after the erasure (python3's sqlite3, read-only).
sealed_values=$(python3 - "$base/node1/data/redress.sqlite" "$erased" <<'PY'
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
row = db.execute("SELECT complainantName, complainantContact, description FROM complaint WHERE id = ?", (sys.argv[2],)).fetchone()
for value in row:
    assert value.startswith("rs1:"), "a personal field is stored unsealed"
    print(value)
PY
) || { failure="the personal fields of $erased are not stored sealed"; exit 1; }

# 2. All started: the first sync; meanwhile a plaintext client knocks on node1's port.
check "start failed (phase 2)" quietly "$bootstrap" start "$base"
(exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET / HTTP/1.0\r\n\r\n' >&3 && timeout 10 cat <&3 >/dev/null) 2>/dev/null || true
wait_for_convergence "first sync"
check "a node did not exit 0 on SIGTERM (phase 2)" quietly "$bootstrap" stop "$base"
# node1's status knows its two peers, and no address but theirs: nothing for the
# refused plaintext client's ephemeral port. (A configured address whose first
# attempt failed may keep its own row until a sync through it succeeds.)
peer_check=$(redress status --json --data-dir "$base/node1/data" | python3 -c '
import json, sys
peers = json.load(sys.stdin)["peers"]
configured = {"127.0.0.1:%d" % (int(sys.argv[1]) + 1), "127.0.0.1:%d" % (int(sys.argv[1]) + 2)}
nodes = {p["node"] for p in peers if p.get("node")}
strays = sorted(p["address"] for p in peers if p.get("address") and p["address"] not in configured)
print("ok" if len(nodes) == 2 and not strays else "nodes %d, stray addresses %s" % (len(nodes), strays))
' "$port")
[[ $peer_check == ok ]] || { failure="node1's status: $peer_check (expected its 2 peers and their addresses only)"; exit 1; }
for node in "${NODES[@]}"; do
    count=$(complaint_count "$node")
    [[ $count == 12 ]] || { failure="$node holds $count complaints after the first sync, expected 12"; exit 1; }
done

# Retail's complaint: its text in no file of any node, shown on node2 only, counted at head office.
for secret in "$retail_name" "$retail_description" "Quorndon"; do
    found=$(grep -rlaF -- "$secret" "$base") && { failure="retail's personal data is in plain text in: $(echo "$found" | tr '\n' ' ')"; exit 1; }
done
check "node2 does not show its own complaint's name" shows "$retail" node2 "$retail_name"
for node in node1 node3; do
    shown=$(redress show "$retail" --json --data-dir "$base/$node/data" --user admin)
    [[ $shown == *'"personal_data_readable" : false'* && $shown == *"not readable on this node"* && $shown != *"$retail_name"* ]] ||
        { failure="$node shows retail's complaint as readable: $shown"; exit 1; }
done
retail_count=$(redress report --division retail --format json --data-dir "$base/node1/data" --user admin |
    python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["complaints"])')
[[ $retail_count == 4 ]] || { failure="node1's report counts $retail_count retail complaints, expected 4"; exit 1; }
say "retail's complaint: sealed on every node, shown on node2, not readable on node1 and node3, counted in node1's report"

# 3. All stopped: concurrent edits of the shared complaint, an erasure, more complaints.
for node in "${NODES[@]}"; do add_own_complaints "$node" 2; done
redress assign "$shared" --to sam --data-dir "$base/node1/data" --user node1 >/dev/null
redress note "$shared" "Checked the statement on node1" --data-dir "$base/node1/data" --user node1 >/dev/null
redress assign "$shared" --to kim --data-dir "$base/node2/data" --user node2 >/dev/null
redress acknowledge "$shared" --data-dir "$base/node2/data" --user node2 >/dev/null
redress escalate "$shared" --data-dir "$base/node3/data" --user node3 >/dev/null
redress assign "$shared" --to lee --data-dir "$base/node3/data" --user node3 >/dev/null
redress note "$erased" "Called $erased_name back about $erased_contact" --communication --data-dir "$base/node2/data" --user node2 >/dev/null
redress erase-personal-data "$erased" --data-dir "$base/node3/data" --user node3 >/dev/null
say "phase 3: concurrent edits of $shared on all three nodes, erasure of $erased on node3, a note naming its complainant on node2"

# 4. All started: converge again, stop cleanly, and no trace of the erased data.
check "start failed (phase 4)" quietly "$bootstrap" start "$base"
wait_for_convergence "after concurrent edits"
check "a node did not exit 0 on SIGTERM (phase 4)" quietly "$bootstrap" stop "$base"

assignees=""
for node in "${NODES[@]}"; do
    count=$(complaint_count "$node")
    [[ $count == 21 ]] || { failure="$node holds $count complaints at the end, expected 21"; exit 1; }
    assignees+="$(redress show "$shared" --json --data-dir "$base/$node/data" | grep -o '"assignee" *: *"[^"]*"' | head -n 1) "
done
say "shared complaint's assignee on the three nodes: $assignees"

secrets=()
while IFS= read -r value; do secrets+=("$value"); done <<<"$sealed_values"
secrets+=("$erased_name" "$erased_contact" "$erased_description" "$token")
for secret in "${secrets[@]}"; do
    for node in "${NODES[@]}"; do
        found=$(grep -rlaF -- "$secret" "$base/$node") && status=0 || status=$?
        case $status in
            0) failure="erased personal data is still in $node's files: $(echo "$found" | tr '\n' ' ')"; exit 1 ;;
            1) ;;
            *) failure="cannot search $node's files (grep exit status $status)"; exit 1 ;;
        esac
    done
done
say "the erased name, contact and description, plain or sealed, are in no file of any node (data folders and logs)"
result=PASS
