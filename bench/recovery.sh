#!/usr/bin/env bash
# bench/recovery.sh: the recovery benchmark, run by `./wallet bench --recovery`.
#
# Target (the issue's contract): with 1,000,000 wallets and 10,000,000 changes in PostgreSQL, the
# REST API is ready (/health answers 200) within 10 s of starting, with at most 1 GB of live heap.
#
# How: on a fresh topic and database (PostgreSQL and Pulsar from `./wallet up --infra-only`, as
# bench/run.sh does), the REST API and the batch consumer start once and open one wallet, the seed,
# through the service's own write path; the batch consumer persists it and stores its topic
# position. Both stop. bench/recovery-data.sql then generates the other wallets and changes with
# SQL, older than the seed, so PostgreSQL holds N wallets and M changes and still points at a real
# message of the topic (the REST API refuses to start otherwise). Then the REST API starts alone,
# timed from the process's start to the first 200 on /health; a full GC (jcmd GC.run) gives the
# live heap (jstat). A GET shows a generated balance; retrying a generated reference, the newest
# and the oldest of a wallet, must replay and leave the balance alone. Prints a table and writes
# the "Recovery" section of bench/RESULTS.md.
#
# Environment:
#   RECOVERY_WALLETS     wallets, the seed included (default 1000000)
#   RECOVERY_CHANGES     changes (rows of transactions), openings included (default 10000000)
#   RECOVERY_JAVA_OPTS   JVM options of the timed REST API (default -Xmx4g; the target is about
#                        the live heap, not about -Xmx)
#   RECOVERY_KEEP=1      keep the database and topic afterwards, for RECOVERY_REUSE_DB
#   RECOVERY_REUSE_DB    time the REST API on a database kept by RECOVERY_KEEP=1 (its topic is the
#                        one its stored position names) instead of generating one; left as it is.
#                        The topic must still exist: when `./wallet up` runs Pulsar, it lives in
#                        this checkout's ./data/pulsar, so reuse from the same checkout.
#   RECOVERY_READY_TIMEOUT  seconds the timed REST API may take to answer /health (default 600)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

WALLETS=${RECOVERY_WALLETS:-1000000}
CHANGES=${RECOVERY_CHANGES:-10000000}
JAVA_OPTIONS=${RECOVERY_JAVA_OPTS:--Xmx4g}
KEEP=${RECOVERY_KEEP:-0}
REUSE_DB=${RECOVERY_REUSE_DB:-}
READY_TIMEOUT=${RECOVERY_READY_TIMEOUT:-600} # seconds for the timed REST API to answer /health
READY_TARGET_SECONDS=10
LIVE_HEAP_TARGET_MB=1024
API_PORT=8081
PULSAR_ADMIN=http://127.0.0.1:8080
SEED_WALLET=recovery-seed
SEED_CENTS=100
WALLET_PREFIX=w                      # generated wallets are w0000001 ... (see recovery-data.sql)
RUN_ID=$(date +%Y%m%d%H%M%S)
WORK="$ROOT/data/bench/recovery-$RUN_ID"
REST_JAR="$ROOT/app-rest-api/target/app-rest-api.jar"
CONSUMER_JAR="$ROOT/app-batch-consumer/target/app-batch-consumer.jar"
RESULTS="$ROOT/bench/RESULTS.md"
SEED_READY_TIMEOUT=120               # seconds for the untimed seed programs to answer / persist
GENERATE_TIMEOUT=3600                # seconds for recovery-data.sql
STOP_TIMEOUT=60                      # seconds for a program to stop after SIGTERM
STARTED_INFRA=0
PIDS=()

if [[ -n $REUSE_DB ]]; then
    [[ $REUSE_DB =~ ^wallet_recovery_[0-9]+$ ]] || { echo "bench: RECOVERY_REUSE_DB must name a wallet_recovery_<run> database" >&2; exit 1; }
    DATABASE=$REUSE_DB
else
    DATABASE="wallet_recovery_$RUN_ID"
    TOPIC_NAME="recovery-$RUN_ID"
    TOPIC="persistent://public/default/$TOPIC_NAME"
fi

say() { printf 'bench: %s\n' "$*"; }
die() {
    printf 'bench: %s\n' "$*" >&2
    exit 1
}

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do timeout "$STOP_TIMEOUT" tail --pid="$pid" -f /dev/null 2>/dev/null || kill -9 "$pid" 2>/dev/null || true; done
    if [[ -z $REUSE_DB && $KEEP != 1 ]]; then
        if [[ -n ${DATABASE_CREATED:-} ]]; then
            psql_admin "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" >/dev/null 2>&1 || true
        fi
        curl -s -o /dev/null --max-time 30 -X DELETE "$PULSAR_ADMIN/admin/v2/persistent/public/default/$TOPIC_NAME?force=true" || true
    fi
    if ((STARTED_INFRA)); then ./wallet down >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql_admin() { timeout 30 psql -X -h 127.0.0.1 -U postgres -d postgres -tAc "$1"; }
psql_bench() { timeout 120 psql -X -h 127.0.0.1 -U postgres -d "$DATABASE" -tAc "$1"; }

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" || true; }

check_tools() {
    local tool
    for tool in psql curl jcmd jstat python3; do
        command -v "$tool" >/dev/null || die "$tool is missing (psql: apt-get install postgresql-client; jcmd, jstat: a JDK)"
    done
}

# build_jars: builds the two programs when a jar is missing or older than a source of the service,
# so that the figures are those of the code checked out.
build_jars() {
    local stale=""
    if [[ -f $REST_JAR && -f $CONSUMER_JAR ]]; then
        stale=$(find pom.xml ./*/pom.xml ./*/src/main -newer "$REST_JAR" -type f -print -quit 2>/dev/null)
        [[ -n $stale ]] || stale=$(find pom.xml ./*/pom.xml ./*/src/main -newer "$CONSUMER_JAR" -type f -print -quit 2>/dev/null)
        [[ -n $stale ]] || return 0
        say "$stale is newer than the jars"
    fi
    say "building the jars (./mvnw package -DskipTests)"
    ./mvnw -q -B package -DskipTests -pl app-rest-api,app-batch-consumer -am >/dev/null
}

ensure_infra() {
    if ! timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/5432' 2>/dev/null ||
        [[ $(http_code "$PULSAR_ADMIN/admin/v2/clusters") != 200 ]]; then
        say "starting PostgreSQL and Pulsar: ./wallet up --infra-only --detach"
        STARTED_INFRA=1
        ./wallet up --infra-only --detach >/dev/null
    fi
}

start() { # NAME COMMAND...: starts a program, log in $WORK/NAME.log, sets LAST_PID
    local name=$1
    shift
    setsid "$@" </dev/null >"$WORK/$name.log" 2>&1 &
    LAST_PID=$!
    PIDS+=("$LAST_PID")
}

stop() { # PID
    kill "$1" 2>/dev/null || true
    timeout "$STOP_TIMEOUT" tail --pid="$1" -f /dev/null || kill -9 "$1" 2>/dev/null || true
}

await_health() { # PID NAME TIMEOUT
    local deadline=$((SECONDS + $3))
    until [[ $(http_code "http://127.0.0.1:$API_PORT/health") == 200 ]]; do
        kill -0 "$1" 2>/dev/null || die "$2 exited; see $WORK/$2.log"
        ((SECONDS < deadline)) || die "$2 did not answer /health within $3 s; see $WORK/$2.log"
        sleep 0.1
    done
}

app_env() {
    echo WALLET_PULSAR_URL=pulsar://127.0.0.1:6650 WALLET_PULSAR_ADMIN_URL=$PULSAR_ADMIN \
        WALLET_PULSAR_TOPIC=$TOPIC WALLET_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DATABASE \
        WALLET_DB_USER=postgres WALLET_DB_PASSWORD=
}

rest_api_env() { echo "$(app_env) WALLET_LOG=pulsar WALLET_HOST=127.0.0.1 WALLET_PORT=$API_PORT"; }

# seed: the one real event. The REST API opens the seed wallet on the fresh topic, the batch
# consumer persists it with its position; both stop. (Both run Flyway's migrations when they open
# the database; whichever comes first creates the schema.)
seed() {
    say "seeding: the REST API and the batch consumer open $SEED_WALLET on $TOPIC, database $DATABASE"
    # shellcheck disable=SC2046
    start seed-batch-consumer env $(app_env) java -jar "$CONSUMER_JAR"
    local consumer_pid=$LAST_PID
    # shellcheck disable=SC2046
    start seed-rest-api env $(rest_api_env) java -jar "$REST_JAR"
    local api_pid=$LAST_PID
    await_health "$api_pid" seed-rest-api $SEED_READY_TIMEOUT
    [[ $(http_code -X POST -H 'Content-Type: application/json' -d "{\"amount\": $SEED_CENTS}" \
        "http://127.0.0.1:$API_PORT/wallet/$SEED_WALLET") == 201 ]] || die "could not open $SEED_WALLET"
    local deadline=$((SECONDS + SEED_READY_TIMEOUT))
    until [[ $(psql_bench "SELECT (SELECT count(*) FROM consumer_positions) = 1
            AND EXISTS (SELECT FROM transactions WHERE wallet_id = '$SEED_WALLET')" 2>/dev/null) == t ]]; do
        kill -0 "$consumer_pid" 2>/dev/null || die "the batch consumer exited; see $WORK/seed-batch-consumer.log"
        ((SECONDS < deadline)) || die "the batch consumer did not persist $SEED_WALLET within ${SEED_READY_TIMEOUT}s"
        sleep 0.2
    done
    stop "$api_pid"
    stop "$consumer_pid"
}

generate() {
    local seed_at start end
    seed_at=$(psql_bench "SELECT occurred_at FROM transactions WHERE wallet_id = '$SEED_WALLET'")
    say "generating $((WALLETS - 1)) wallets and $((CHANGES - 1)) changes with SQL (bench/recovery-data.sql)"
    start=$(date +%s.%N)
    timeout "$GENERATE_TIMEOUT" psql -X -q -h 127.0.0.1 -U postgres -d "$DATABASE" -v ON_ERROR_STOP=1 \
        -v wallets=$((WALLETS - 1)) -v changes=$((CHANGES - 1)) -v prefix=$WALLET_PREFIX -v seed_at="$seed_at" \
        -f bench/recovery-data.sql >"$WORK/generate.log" 2>&1 || { tail -20 "$WORK/generate.log" >&2; die "generating failed"; }
    end=$(date +%s.%N)
    GENERATE_SECONDS=$(python3 -c "print(f'{$end - $start:.1f}')")
}

# prepare: a database with WALLETS wallets and CHANGES changes whose stored position is in TOPIC.
prepare() {
    if [[ -n $REUSE_DB ]]; then
        [[ $(psql_admin "SELECT count(*) FROM pg_database WHERE datname = '$DATABASE'") == 1 ]] || die "no database $DATABASE"
        TOPIC=$(psql_bench "SELECT partition FROM consumer_positions") || die "no stored position in $DATABASE"
        [[ $TOPIC =~ ^persistent://public/default/recovery-[0-9]+$ ]] || die "$DATABASE's stored position is of topic '$TOPIC'"
        WALLETS=$(psql_bench "SELECT count(*) FROM wallets")
        CHANGES=$(psql_bench "SELECT count(*) FROM transactions")
        GENERATE_SECONDS="reused $DATABASE"
        say "reusing $DATABASE ($WALLETS wallets, $CHANGES changes) and $TOPIC"
        return
    fi
    [[ $WALLETS =~ ^[0-9]+$ && $CHANGES =~ ^[0-9]+$ ]] || die "RECOVERY_WALLETS and RECOVERY_CHANGES must be whole numbers"
    ((WALLETS >= 2 && CHANGES >= WALLETS)) || die "needs RECOVERY_WALLETS >= 2 and RECOVERY_CHANGES >= RECOVERY_WALLETS"
    psql_admin "CREATE DATABASE $DATABASE" >/dev/null
    DATABASE_CREATED=1
    seed
    generate
    [[ $(psql_bench "SELECT count(*) FROM wallets")/$(psql_bench "SELECT count(*) FROM transactions") == "$WALLETS/$CHANGES" ]] ||
        die "the database does not hold $WALLETS wallets and $CHANGES changes"
}

# log_seconds_between LOG FIRST SECOND: seconds between the first lines of LOG matching the two
# patterns, from logback's HH:mm:ss.SSS stamps; "n/a" when either is missing.
log_seconds_between() {
    python3 - "$@" <<'PY'
import re, sys
path, first, second = sys.argv[1:]
stamps = {}
for line in open(path, errors="replace"):
    for key, pattern in (("first", first), ("second", second)):
        if key not in stamps and re.search(pattern, line):
            h, m, s = line[:12].split(":")
            stamps[key] = int(h) * 3600 + int(m) * 60 + float(s)
if len(stamps) < 2:
    print("n/a")
else:
    print(f"{(stamps['second'] - stamps['first']) % 86400:.1f}")
PY
}

# measure: starts the REST API alone and sets READY_SECONDS, LOAD_SECONDS, LIVE_HEAP_MB,
# PEAK_HEAP_MB, PEAK_RSS_MB and API_PID.
measure() {
    say "timing the REST API ($JAVA_OPTIONS) on $DATABASE and $TOPIC"
    local start end
    start=$(date +%s.%N)
    # shellcheck disable=SC2046,SC2086
    start rest-api env $(rest_api_env) java $JAVA_OPTIONS "-Xlog:gc:file=$WORK/rest-api-gc.log" -jar "$REST_JAR"
    API_PID=$LAST_PID
    await_health "$API_PID" rest-api "$READY_TIMEOUT"
    end=$(date +%s.%N)
    READY_SECONDS=$(python3 -c "print(f'{$end - $start:.2f}')")
    LOAD_SECONDS=$(log_seconds_between "$WORK/rest-api.log" 'loading wallets' 'wallet ledger serving')
    PEAK_HEAP_MB=$(python3 - "$WORK/rest-api-gc.log" <<'PY'
import re, sys
peak = 0
for line in open(sys.argv[1], errors="replace"):
    for before in re.findall(r" (\d+)M->\d+M\(", line):
        peak = max(peak, int(before))
print(peak if peak else "n/a")
PY
)
    timeout 120 jcmd "$API_PID" GC.run >/dev/null || die "jcmd $API_PID GC.run failed"
    LIVE_HEAP_MB=$(timeout 30 jstat -gc "$API_PID" | python3 -c '
import sys
names, values = (line.split() for line in sys.stdin.read().strip().splitlines()[:2])
gc = dict(zip(names, map(float, values)))
print(round(sum(gc[k] for k in ("S0U", "S1U", "EU", "OU")) / 1024))')
    PEAK_RSS_MB=$(awk '/^VmHWM:/ {printf "%d", $2 / 1024}' "/proc/$API_PID/status")
}

api_get_balance() { # WALLET: prints the balance the REST API answers
    curl -s --max-time 5 "http://127.0.0.1:$API_PORT/wallet/$1" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["balance"])'
}

# check_replay WALLET SEQUENCE LABEL: retries the generated ADD at SEQUENCE of WALLET; it must
# replay (201, Idempotent-Replayed: true) and leave the balance as it was.
check_replay() {
    local wallet=$1 sequence=$2 label=$3 reference amount before after reply status replayed
    IFS='|' read -r reference amount <<<"$(psql_bench "SELECT reference, amount_cents FROM transactions WHERE wallet_id = '$wallet' AND sequence = $sequence AND kind = 'ADD'")"
    [[ -n $reference ]] || die "no generated ADD at $wallet #$sequence"
    before=$(api_get_balance "$wallet")
    reply=$(curl -s -i --max-time 5 -X POST -H 'Content-Type: application/json' \
        -d "{\"amount\": $amount, \"reference\": \"$reference\"}" "http://127.0.0.1:$API_PORT/add-funds/$wallet" | tr -d '\r')
    status=$(head -1 <<<"$reply" | awk '{print $2}')
    replayed=$(grep -ci '^Idempotent-Replayed: true' <<<"$reply" || true)
    after=$(api_get_balance "$wallet")
    CHECKS+=("retry of $label $reference ($amount cents) on $wallet: HTTP $status, Idempotent-Replayed $([[ $replayed == 1 ]] && echo true || echo absent), balance $before -> $after")
    if [[ $status != 201 || $replayed != 1 || $before != "$after" ]]; then
        FAILED+=("retry of $label $reference on $wallet did not replay: HTTP $status, balance $before -> $after; reply: $(tail -1 <<<"$reply")")
    fi
}

sanity_checks() {
    CHECKS=()
    FAILED=()
    local wallet expected actual last_add
    wallet=$(psql_bench "SELECT wallet_id FROM wallets WHERE wallet_id <> '$SEED_WALLET' AND last_sequence >= 3 ORDER BY wallet_id OFFSET (SELECT count(*) / 2 FROM wallets) LIMIT 1")
    [[ -n $wallet ]] || wallet=$(psql_bench "SELECT wallet_id FROM wallets WHERE last_sequence >= 3 ORDER BY wallet_id LIMIT 1")
    [[ -n $wallet ]] || die "no generated wallet with an ADD and a REMOVE; raise RECOVERY_CHANGES"
    expected=$(psql_bench "SELECT balance_cents FROM wallets WHERE wallet_id = '$wallet'")
    actual=$(api_get_balance "$wallet")
    CHECKS+=("GET /wallet/$wallet: balance $actual (PostgreSQL: $expected)")
    [[ $actual == "$expected" ]] || FAILED+=("GET /wallet/$wallet answered balance $actual; PostgreSQL holds $expected")
    actual=$(api_get_balance "$SEED_WALLET")
    CHECKS+=("GET /wallet/$SEED_WALLET: balance $actual (opened with $SEED_CENTS)")
    [[ $actual == "$SEED_CENTS" ]] || FAILED+=("GET /wallet/$SEED_WALLET answered balance $actual, not $SEED_CENTS")
    last_add=$(psql_bench "SELECT max(sequence) FROM transactions WHERE wallet_id = '$wallet' AND kind = 'ADD'")
    check_replay "$wallet" "$last_add" "its newest ADD"
    ((last_add == 2)) || check_replay "$wallet" 2 "its oldest ADD"
}

meets() { python3 -c "import sys; sys.exit(0 if $1 $2 $3 else 1)" 2>/dev/null && echo met || echo "NOT met"; }

# write_results TABLE: replaces the recovery section of bench/RESULTS.md (bench/run.sh keeps it).
write_results() {
    local commit section
    commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench/RESULTS.md' 2>/dev/null || echo ', with uncommitted changes')"
    section=$(
        echo "<!-- recovery: written by ./wallet bench --recovery (bench/recovery.sh); ./wallet bench keeps it -->"
        echo "## Recovery"
        echo
        echo "Written by \`./wallet bench --recovery\` ($(date -u +%Y-%m-%dT%H:%MZ), commit $commit). Reproduce:"
        echo "\`$REPRODUCE\`."
        echo
        echo "Machine: $MACHINE. PostgreSQL $(psql_admin 'SHOW server_version'), Pulsar standalone on the same machine; the database's files were in the OS page cache (generated just before)."
        echo
        echo "$1"
        echo
        echo "Sanity checks after startup:"
        printf -- '- %s\n' "${CHECKS[@]}"
        echo
        echo "The REST API starts on a database of generated history (bench/recovery-data.sql) whose stored topic position is that of one real event, the seed wallet's opening, written through the REST API and persisted by the batch consumer; the topic holds nothing after it but the barriers of each start. Ready: from the process's start to the first 200 on \`/health\` (polled every 0.1 s). Load: from the log line \"loading wallets\" to \"wallet ledger serving\". Live heap: used heap (jstat) after a full GC (\`jcmd GC.run\`) once ready. Peak heap: the largest heap before a collection in the GC log during startup. Logs: data/bench/recovery-$RUN_ID/."
        echo "<!-- /recovery -->"
    )
    python3 - "$RESULTS" "$section" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2]
try:
    text = open(path).read()
except FileNotFoundError:
    text = "# Benchmark results\n"
pattern = re.compile(r"<!-- recovery:.*?<!-- /recovery -->\n?", re.S)
if pattern.search(text):
    text = pattern.sub(lambda _: section + "\n", text)
else:
    text = text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
    say "recovery section written to bench/RESULTS.md"
}

main() {
    [[ $# -eq 0 ]] || die "usage: ./wallet bench --recovery (environment: RECOVERY_WALLETS, RECOVERY_CHANGES, RECOVERY_JAVA_OPTS, RECOVERY_KEEP, RECOVERY_REUSE_DB)"
    check_tools
    ! timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$API_PORT" 2>/dev/null ||
        die "port $API_PORT is in use; stop what listens there (./wallet down stops the stack)"
    build_jars
    ensure_infra
    mkdir -p "$WORK"
    prepare
    measure
    sanity_checks
    stop "$API_PID"

    MACHINE="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1)"
    REPRODUCE="RECOVERY_WALLETS=$WALLETS RECOVERY_CHANGES=$CHANGES RECOVERY_JAVA_OPTS='$JAVA_OPTIONS' ./wallet bench --recovery"
    local table
    table=$(
        echo "| wallets | changes | data generation s | REST API JVM options | ready s | of which loading s | live heap MB | peak heap MB | peak RSS MB |"
        echo "|---:|---:|---:|---|---:|---:|---:|---:|---:|"
        echo "| $WALLETS | $CHANGES | $GENERATE_SECONDS | \`$JAVA_OPTIONS\` | $READY_SECONDS | $LOAD_SECONDS | $LIVE_HEAP_MB | $PEAK_HEAP_MB | $PEAK_RSS_MB |"
        echo
        echo "| target | measured | result |"
        echo "|---|---|---|"
        echo "| ready within $READY_TARGET_SECONDS s of starting | $READY_SECONDS s | $(meets "$READY_SECONDS" '<=' $READY_TARGET_SECONDS) |"
        echo "| at most 1 GB ($LIVE_HEAP_TARGET_MB MB) of live heap | $LIVE_HEAP_MB MB | $(meets "$LIVE_HEAP_MB" '<=' $LIVE_HEAP_TARGET_MB) |"
    )
    echo
    echo "$table"
    echo
    printf 'check: %s\n' "${CHECKS[@]}"
    if ((${#FAILED[@]})); then
        printf 'FAILED: %s\n' "${FAILED[@]}" >&2
        die "sanity checks failed; bench/RESULTS.md left as it was; logs in $WORK"
    fi
    write_results "$table"
    if [[ -z $REUSE_DB && $KEEP == 1 ]]; then
        say "kept $DATABASE and $TOPIC; time again with: RECOVERY_REUSE_DB=$DATABASE ./wallet bench --recovery"
        say "remove them with: psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE $DATABASE' and"
        say "  curl -X DELETE '$PULSAR_ADMIN/admin/v2/persistent/public/default/$TOPIC_NAME?force=true'"
    fi
}

main "$@"
