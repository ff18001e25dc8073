#!/usr/bin/env bash
# bench/run.sh: the same-run benchmark of issue 5, run by `./wallet bench`. See bench/README.md.
#
# One run, one machine: the full stack (Pulsar and PostgreSQL from `./wallet up --infra-only`, the
# REST API and the batch consumer on a fresh topic and database), then, with the same load
# generators: (a) the seed's hey command, (b) wrk on 10,000 wallets, (c) wrk on one hot wallet,
# (d) the two ceilings, a bare Javalin server and a naive one-Pulsar-message-per-request server,
# (e) PostgreSQL's catch-up after (b) and the batch consumer's rate on a pre-filled topic. Balances
# are checked against PostgreSQL after each run. Prints one table and writes bench/RESULTS.md.
# Every load is bounded in time and sent to 127.0.0.1 only. BENCH_SECONDS: seconds per wrk run
# (default 30); BENCH_JFR=1: record a JFR profile of the REST API into data/bench/<run>/rest-api.jfr;
# WALLET_BATCH_MAX_EVENTS and WALLET_BATCH_MAX_WAIT_MS reach the batch consumer.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DURATION=${BENCH_SECONDS:-30}        # each wrk run, seconds
CONNECTIONS=50
WALLETS=10000
API_PORT=8081
BARE_PORT=8091
NAIVE_PORT=8092
PULSAR_ADMIN=http://127.0.0.1:8080
RUN_ID=$(date +%Y%m%d%H%M%S)
TOPIC_NAME="bench-$RUN_ID"
TOPIC="persistent://public/default/$TOPIC_NAME"
NAIVE_TOPIC="persistent://public/default/bench-naive-$RUN_ID"
DATABASE="wallet_bench_$RUN_ID"
WORK="$ROOT/data/bench/$RUN_ID"
REST_JAR="$ROOT/app-rest-api/target/app-rest-api.jar"
CONSUMER_JAR="$ROOT/app-batch-consumer/target/app-batch-consumer.jar"
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
RESULTS="$ROOT/bench/RESULTS.md"
READY_TIMEOUT=120                    # seconds for a program to answer /health
DRAIN_TIMEOUT=300                    # seconds for the consumer to persist a backlog
STARTED_INFRA=0
PIDS=()

say() { printf 'bench: %s\n' "$*"; }
die() {
    printf 'bench: %s\n' "$*" >&2
    exit 1
}

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do timeout 30 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -9 "$pid" 2>/dev/null || true; done
    if [[ -n ${DATABASE_CREATED:-} ]]; then
        psql_admin "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" >/dev/null 2>&1 || true
    fi
    curl -s -o /dev/null --max-time 30 -X DELETE "$PULSAR_ADMIN/admin/v2/persistent/public/default/$TOPIC_NAME?force=true" || true
    curl -s -o /dev/null --max-time 30 -X DELETE "$PULSAR_ADMIN/admin/v2/persistent/public/default/bench-naive-$RUN_ID?force=true" || true
    if ((STARTED_INFRA)); then ./wallet down >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql_admin() { timeout 30 psql -h 127.0.0.1 -U postgres -d postgres -tAc "$1"; }
psql_bench() { timeout 30 psql -h 127.0.0.1 -U postgres -d "$DATABASE" -tAc "$1"; }

install_tools() {
    local missing=()
    command -v hey >/dev/null || missing+=(hey)
    command -v wrk >/dev/null || missing+=(wrk)
    command -v psql >/dev/null || missing+=(postgresql-client)
    ((${#missing[@]} == 0)) && return 0
    say "installing ${missing[*]} from Debian's packages"
    DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -q "${missing[@]}" >/dev/null ||
        { timeout 600 apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -q "${missing[@]}" >/dev/null; } ||
        die "could not install ${missing[*]} (apt-get install ${missing[*]})"
}

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" || true; }

await_health() { # PORT PID NAME
    local deadline=$((SECONDS + READY_TIMEOUT))
    until [[ $(http_code "http://127.0.0.1:$1/health") == 200 ]]; do
        kill -0 "$2" 2>/dev/null || die "$3 exited; see $WORK/$3.log"
        ((SECONDS < deadline)) || die "$3 did not answer /health within ${READY_TIMEOUT}s; see $WORK/$3.log"
        sleep 0.5
    done
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
    timeout 30 tail --pid="$1" -f /dev/null || kill -9 "$1" 2>/dev/null || true
}

app_env() {
    echo WALLET_PULSAR_URL=pulsar://127.0.0.1:6650 WALLET_PULSAR_ADMIN_URL=$PULSAR_ADMIN \
        WALLET_PULSAR_TOPIC=$TOPIC WALLET_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DATABASE \
        WALLET_DB_USER=postgres WALLET_DB_PASSWORD= $(env | grep -E '^WALLET_BATCH_(MAX_EVENTS|MAX_WAIT_MS)=[0-9]+$' | tr '\n' ' ')
}

start_consumer() {
    # shellcheck disable=SC2046
    start batch-consumer env $(app_env) java -jar "$CONSUMER_JAR"
    CONSUMER_PID=$LAST_PID
}

backlog() { # the batch consumer's backlog on the topic, in entries (batches of messages), 0 when caught up
    curl -s --max-time 5 "$PULSAR_ADMIN/admin/v2/persistent/public/default/$TOPIC_NAME/stats" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["subscriptions"]["wallet-batch-consumer"]["msgBacklog"])'
}

# await_drained: waits until the consumer's backlog is 0; prints seconds waited (3 decimals).
await_drained() {
    local start end
    start=$(date +%s.%N)
    local deadline=$((SECONDS + DRAIN_TIMEOUT))
    until [[ $(backlog) == 0 ]]; do
        ((SECONDS < deadline)) || die "the batch consumer did not drain its backlog within ${DRAIN_TIMEOUT}s"
        sleep 0.05
    done
    end=$(date +%s.%N)
    python3 -c "print(f'{$end - $start:.3f}')"
}

transactions() { psql_bench "SELECT count(*) FROM transactions"; }

# consumer_rate EVENTS BEFORE: with EVENTS events waiting in the topic, BEFORE transactions in
# PostgreSQL and the consumer just started, prints its rate in events/s, timed from its first
# committed batch to the last (so the JVM's start is not counted), and the seconds that took.
# It runs in a subshell ($(...)), so it must not start processes: their pids would not be stopped.
consumer_rate() {
    local events=$1 before=$2 first="" count start end deadline=$((SECONDS + DRAIN_TIMEOUT))
    while :; do
        count=$(transactions)
        if [[ -z $first && $count -gt $before ]]; then
            first=$count
            start=$(date +%s.%N)
        fi
        ((count < before + events)) || break
        ((SECONDS < deadline)) || die "the batch consumer did not persist $events events within ${DRAIN_TIMEOUT}s"
        sleep 0.1
    done
    end=$(date +%s.%N)
    python3 -c "t = $end - $start; print(round(($before + $events - $first) / t), f'{t:.2f}')"
}

check_balances() { # LABEL: the money-conservation checker, API against PostgreSQL
    # shellcheck disable=SC2046
    if ! env $(app_env) timeout 600 java -jar "$CONSUMER_JAR" check --api-url "http://127.0.0.1:$API_PORT" \
        --catch-up-timeout-seconds 300 >"$WORK/check-$1.log" 2>&1; then
        tail -20 "$WORK/check-$1.log" >&2
        die "balances disagree after $1; see $WORK/check-$1.log"
    fi
    CHECKS+=("$1: $(grep -o 'CHECK PASSED.*' "$WORK/check-$1.log")")
}

# wrk_run LABEL URL WALLETS PREFIX: one wrk run; sets RPS P50 P99 MAX ERRORS (ms, counts).
wrk_run() {
    say "$1: wrk -t2 -c$CONNECTIONS -d${DURATION}s on $3 wallet(s) at $2"
    BENCH_WALLETS=$3 BENCH_PREFIX=$4 BENCH_RUN="$1-$RUN_ID" \
        wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s bench/changes.lua "$2" >"$WORK/wrk-$1.log" 2>&1
    local line
    line=$(grep '^BENCH ' "$WORK/wrk-$1.log") || die "wrk printed no result; see $WORK/wrk-$1.log"
    eval "$(echo "${line#BENCH }" | tr ' ' '\n' | sed 's/^/W_/')"
    REQUESTS=$W_requests
    RPS=$(python3 -c "print(round($W_requests / ($W_duration_us / 1e6)))")
    P50=$(python3 -c "print(f'{$W_p50_us / 1000:.2f}')")
    P99=$(python3 -c "print(f'{$W_p99_us / 1000:.2f}')")
    MAX=$(python3 -c "print(f'{$W_max_us / 1000:.1f}')")
    ERRORS=$((W_non2xx + W_socket_errors))
    ROWS+=("| $1 | wrk, $CONNECTIONS connections, ${DURATION} s | $RPS | $P50 | $P99 | $MAX | $ERRORS |")
}

# hey_run LABEL URL: the seed's hey command on URL; sets RPS P50 P99 MAX ERRORS.
hey_run() {
    say "$1: hey -n 100000 -m POST ... $2"
    hey -n 100000 -m POST -H "Content-Type: application/json" -d '{"amount": 10,"reference":"wonbet-1"}' "$2" \
        >"$WORK/hey-$1.log" 2>&1
    local log="$WORK/hey-$1.log"
    RPS=$(awk '/Requests\/sec:/ {printf "%d", $2}' "$log")
    P50=$(awk '/ 50% in / {printf "%.2f", $3 * 1000}' "$log")
    P99=$(awk '/ 99% in / {printf "%.2f", $3 * 1000}' "$log")
    MAX=$(awk '/Slowest:/ {printf "%.1f", $2 * 1000}' "$log")
    local ok
    ok=$(awk '/\[20[01]\]/ {sum += $2} END {print sum + 0}' "$log")
    ERRORS=$((100000 - ok))
    ROWS+=("| $1 | the seed's hey command (50 connections, 100,000 requests) | $RPS | $P50 | $P99 | $MAX | $ERRORS |")
}

# cpu_ticks PID...: user + system CPU of the processes, in clock ticks.
cpu_ticks() {
    local pid total=0 fields
    for pid in "$@"; do
        fields=$(cut -d' ' -f14,15 "/proc/$pid/stat" 2>/dev/null) || continue
        total=$((total + ${fields% *} + ${fields#* }))
    done
    echo "$total"
}

# cpu_split: CPU ticks of each part of the stack and of the whole machine, one line.
cpu_split() {
    local pulsar postgres
    pulsar=$(pgrep -f 'org.apache.pulsar.PulsarStandaloneStarter' | tr '\n' ' ')
    postgres=$(pgrep -u postgres | tr '\n' ' ')
    # shellcheck disable=SC2086
    echo "$(cpu_ticks "$API_PID") $(cpu_ticks "$CONSUMER_PID") $(cpu_ticks $pulsar) $(cpu_ticks $postgres) \
        $(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat)"
}

# cpu_row LABEL BEFORE AFTER: where the CPU went between two cpu_split lines, as shares of all used.
cpu_row() {
    python3 - "$1" "$2" "$3" <<'PY'
import sys
label, before, after = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
used = [int(a) - int(b) for a, b in zip(after, before)]
api, consumer, pulsar, postgres, machine = used
rest = machine - api - consumer - pulsar - postgres
share = lambda ticks: f"{100 * ticks / machine:.0f} %"
print(f"| {label} | {share(api)} | {share(consumer)} | {share(pulsar)} | {share(postgres)} | {share(rest)} |")
PY
}

ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
meets() { python3 -c "import sys; sys.exit(0 if $1 $2 $3 else 1)" && echo met || echo "NOT met"; }

main() {
    [[ ${1:-} == "" ]] || die "usage: ./wallet bench (environment: BENCH_SECONDS, default 30)"
    install_tools
    local port
    for port in $API_PORT $BARE_PORT $NAIVE_PORT; do
        ! timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null ||
            die "port $port is in use; stop what listens there (./wallet down stops the stack)"
    done
    if [[ ! -f $REST_JAR || ! -f $CONSUMER_JAR || ! -f $BENCH_JAR ]]; then
        say "building the jars (./mvnw package -DskipTests)"
        ./mvnw -q -B package -DskipTests -pl app-rest-api,app-batch-consumer,benchmarks -am >/dev/null
    fi
    if ! ./wallet status >/dev/null 2>&1 || [[ $(http_code "$PULSAR_ADMIN/admin/v2/clusters") != 200 ]]; then
        say "starting PostgreSQL and Pulsar: ./wallet up --infra-only --detach"
        ./wallet up --infra-only --detach >/dev/null
        STARTED_INFRA=1
    fi
    mkdir -p "$WORK"
    psql_admin "CREATE DATABASE $DATABASE" >/dev/null
    DATABASE_CREATED=1
    ROWS=()
    CHECKS=()

    say "starting the REST API and the batch consumer on topic $TOPIC, database $DATABASE"
    start_consumer
    # shellcheck disable=SC2046
    local profile=()
    [[ -z ${BENCH_JFR:-} ]] || profile=("-XX:StartFlightRecording=filename=$WORK/rest-api.jfr,settings=profile,dumponexit=true")
    start rest-api env $(app_env) WALLET_LOG=pulsar WALLET_HOST=127.0.0.1 WALLET_PORT=$API_PORT \
        java "${profile[@]}" -jar "$REST_JAR"
    local api_pid=$LAST_PID
    API_PID=$api_pid
    await_health $API_PORT "$api_pid" rest-api
    start bare-server java -jar "$BENCH_JAR" bare-server --port $BARE_PORT
    local bare_pid=$LAST_PID
    await_health $BARE_PORT "$bare_pid" bare-server

    # (a) the seed's command, after creating andrei; then andrei must have been credited once.
    [[ $(http_code -X POST -H 'Content-Type: application/json' -d '{"amount": 0}' "http://127.0.0.1:$API_PORT/wallet/andrei") == 201 ]] ||
        die "could not create andrei"
    hey_run "a. replay path (REST API)" "http://localhost:$API_PORT/add-funds/andrei"
    local a_rps=$RPS a_p99=$P99
    local andrei
    andrei=$(curl -s --max-time 5 "http://127.0.0.1:$API_PORT/wallet/andrei")
    [[ $andrei == '{"userId":"andrei","balance":10}' ]] || die "andrei after 100,000 identical credits: $andrei (expected balance 10)"
    hey_run "d1. HTTP ceiling (bare Javalin), hey" "http://localhost:$BARE_PORT/add-funds/andrei"
    local bare_hey_rps=$RPS

    # (b) durable workload on 10,000 wallets, consumer running; then PostgreSQL's catch-up.
    java -jar "$BENCH_JAR" open-wallets --api-url "http://127.0.0.1:$API_PORT" --prefix u --count $WALLETS \
        --amount 100000000 --concurrency 16 >"$WORK/open-wallets.log" 2>&1 || die "opening wallets failed; see $WORK/open-wallets.log"
    await_drained >/dev/null
    local cpu_before cpu_rows=()
    cpu_before=$(cpu_split)
    wrk_run "b. durable, 10,000 wallets" "http://127.0.0.1:$API_PORT" $WALLETS u
    cpu_rows+=("$(cpu_row b "$cpu_before" "$(cpu_split)")")
    local b_rps=$RPS b_p99=$P99 b_errors=$ERRORS
    local catch_up
    catch_up=$(await_drained)
    check_balances b
    [[ $(psql_bench "SELECT count(*) FROM transactions WHERE wallet_id = 'andrei' AND reference = 'wonbet-1'") == 1 ]] ||
        die "PostgreSQL does not hold andrei's wonbet-1 exactly once"

    # (c) one hot wallet, the consumer running as in (b).
    java -jar "$BENCH_JAR" open-wallets --api-url "http://127.0.0.1:$API_PORT" --prefix hot --count 1 \
        --amount 100000000 --concurrency 1 >>"$WORK/open-wallets.log" 2>&1 || die "opening the hot wallet failed"
    await_drained >/dev/null
    cpu_before=$(cpu_split)
    wrk_run "c. durable, one hot wallet" "http://127.0.0.1:$API_PORT" 1 hot
    cpu_rows+=("$(cpu_row c "$cpu_before" "$(cpu_split)")")
    local c_rps=$RPS
    await_drained >/dev/null
    check_balances c

    # (e) the batch consumer's rate on a topic filled while it was stopped (the (b) load again).
    stop "$CONSUMER_PID"
    local before
    before=$(transactions)
    cpu_before=$(cpu_split)
    wrk_run "e. pre-fill for the consumer (consumer stopped)" "http://127.0.0.1:$API_PORT" $WALLETS u
    cpu_rows+=("$(cpu_row "e. pre-fill" "$cpu_before" "$(cpu_split)")")
    local prefilled=$((REQUESTS - ERRORS)) consumer_rate drain
    start_consumer
    read -r consumer_rate drain <<<"$(consumer_rate "$prefilled" "$before")"
    check_balances e
    stop "$api_pid"

    # (d) the ceilings, with the same wrk script.
    wrk_run "d1. HTTP ceiling (bare Javalin), wrk" "http://127.0.0.1:$BARE_PORT" $WALLETS u
    local bare_wrk_rps=$RPS
    stop "$bare_pid"
    start naive-server java -jar "$BENCH_JAR" naive-pulsar-server --port $NAIVE_PORT --pulsar-url pulsar://127.0.0.1:6650 \
        --topic "$NAIVE_TOPIC"
    local naive_pid=$LAST_PID
    await_health $NAIVE_PORT "$naive_pid" naive-server
    wrk_run "d2. architecture ceiling (naive Pulsar per request), wrk" "http://127.0.0.1:$NAIVE_PORT" $WALLETS u
    local naive_rps=$RPS
    stop "$naive_pid"

    local table
    table=$(
        echo "| run | load | requests/s | p50 ms | p99 ms | max ms | errors |"
        echo "|---|---|---:|---:|---:|---:|---:|"
        printf '%s\n' "${ROWS[@]}"
        echo
        echo "| target | measured | result |"
        echo "|---|---|---|"
        echo "| a >= 0.9 x bare Javalin under hey | $(ratio "$a_rps" "$bare_hey_rps") x | $(meets "$a_rps / $bare_hey_rps" '>=' 0.9) |"
        echo "| b >= 1.0 x naive Pulsar-per-request ceiling | $(ratio "$b_rps" "$naive_rps") x | $(meets "$b_rps / $naive_rps" '>=' 1.0) |"
        echo "| b p99 <= 10 ms | $b_p99 ms | $(meets "$b_p99" '<=' 10) |"
        echo "| b without errors | $b_errors errors | $(meets "$b_errors" '==' 0) |"
        echo "| c >= 0.8 x b | $(ratio "$c_rps" "$b_rps") x | $(meets "$c_rps / $b_rps" '>=' 0.8) |"
        echo "| batch consumer >= 2 x the API's sustained write rate (b) | $consumer_rate events/s ($prefilled events in $drain s) = $(ratio "$consumer_rate" "$b_rps") x | $(meets "$consumer_rate / $b_rps" '>=' 2) |"
        echo "| PostgreSQL caught up within 2 s after b | $catch_up s | $(meets "$catch_up" '<=' 2) |"
        echo
        echo "Where the machine's CPU went during each run (shares of the CPU time used on all cores; the rest is wrk, the kernel and everything else):"
        echo
        echo "| run | REST API | batch consumer | Pulsar | PostgreSQL | wrk and the rest |"
        echo "|---|---:|---:|---:|---:|---:|"
        printf '%s\n' "${cpu_rows[@]}"
        echo
        echo "For orientation: b is $(ratio "$b_rps" "$bare_wrk_rps") x the bare Javalin server under the same wrk script ($bare_wrk_rps requests/s); a's p99 $a_p99 ms."
    )
    echo
    echo "$table"
    echo
    local commit recovery=""
    commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench/RESULTS.md' 2>/dev/null || echo ', with uncommitted changes')"
    # The Recovery section belongs to `./wallet bench --recovery` (bench/recovery.sh): kept as it is.
    [[ ! -f $RESULTS ]] || recovery=$(sed -n '/^<!-- recovery:/,/^<!-- \/recovery -->/p' "$RESULTS")
    {
        echo "# Benchmark results"
        echo
        echo "Written by \`./wallet bench\` ($(date -u +%Y-%m-%dT%H:%MZ), commit $commit). All figures from this one run on this one machine; compare ratios, not absolute figures, across runs."
        echo
        echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r), $(java -version 2>&1 | head -1). Everything on it at once: Pulsar standalone, PostgreSQL, the REST API, the batch consumer and the load generator (hey $(dpkg-query -W -f='${Version}' hey 2>/dev/null), wrk $(dpkg-query -W -f='${Version}' wrk 2>/dev/null))."
        echo
        echo "$table"
        echo
        echo "Balances checked against PostgreSQL (money-conservation checker, API = PostgreSQL):"
        printf -- '- %s\n' "${CHECKS[@]}"
        echo
        echo "Logs of this run: data/bench/$RUN_ID/."
        if [[ -f bench/NOTES.md ]]; then
            echo
            cat bench/NOTES.md
        fi
        if [[ -n $recovery ]]; then
            echo
            echo "$recovery"
        fi
    } >"$RESULTS"
    say "table written to bench/RESULTS.md"
}

main "$@"
