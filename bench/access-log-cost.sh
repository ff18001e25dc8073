#!/usr/bin/env bash
# The access log's cost on the HTTP path: the REST API on its in-memory log (so that no broker sits
# in the measurement), wrk with bench/changes.lua against it, alternating WALLET_ACCESS_LOG_LEVEL=INFO
# and OFF in one run on one machine; prints requests/s and p99 of each round and the ratio of the means.
# Every request sends a throwaway token (every scope) listed in a token file of this run's own, so
# that the measured path checks a token as production's does.
# Needs the built jar (./mvnw -B -q package -DskipTests) and wrk (apt-get install wrk).
# Usage: bench/access-log-cost.sh [rounds=2] [seconds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
seconds=${2:-20}
port=${ACCESS_BENCH_PORT:-18089}
wallets=100
jar=app-rest-api/target/app-rest-api.jar
[[ -f $jar ]] || { echo "build the jar first: ./mvnw -B -q package -DskipTests" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
out=$(mktemp -d)
pid=
stop() { [[ -n $pid ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; pid=; }
trap 'stop; rm -rf "$out"' EXIT
# The token file's rule (README, Security): name, scopes, sha256: and the token's SHA-256 in hex.
token=$(head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=')
(umask 077 && printf 'access-log-bench wallet:read,wallet:write,wallet:open,admin sha256:%s\n' \
    "$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)" >"$out/tokens")

run() { # $1 = access log level, $2 = round
    WALLET_LOG=memory WALLET_HOST=127.0.0.1 WALLET_PORT=$port WALLET_ACCESS_LOG_LEVEL=$1 \
        WALLET_TOKENS_FILE="$out/tokens" java -jar "$jar" >"$out/api-$1-$2.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 240); do
        curl -sf "127.0.0.1:$port/health" >/dev/null 2>&1 && break
        sleep 0.5
    done
    curl -sf "127.0.0.1:$port/health" >/dev/null || { echo "the REST API did not become ready" >&2; exit 1; }
    for wallet in $(seq 0 $((wallets - 1))); do
        curl -sf -X POST "127.0.0.1:$port/wallet/u$wallet" -H 'Content-Type: application/json' \
            -H "Authorization: Bearer $token" -d '{"amount":1000000}' >/dev/null
    done
    BENCH_WALLETS=$wallets BENCH_RUN="r$2$1" BENCH_TOKEN=$token timeout $((seconds + 60)) wrk -t2 -c50 -d"${seconds}s" \
        -s bench/changes.lua "http://127.0.0.1:$port" | grep '^BENCH' | sed "s/^/$1 round=$2 /"
    stop
}

for round in $(seq 1 "$rounds"); do
    run INFO "$round"
    run OFF "$round"
done | tee "$out/results"
awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
       rps = f["requests"] / (f["duration_us"] / 1e6); sum[$1] += rps; n[$1]++
       printf "%-4s round %s: %8.0f requests/s, p99 %.2f ms, non-2xx %s\n", $1, f["round"], rps, f["p99_us"] / 1000, f["non2xx"] }
     END { printf "access log on / off: %.2f (mean requests/s %.0f / %.0f)\n",
           (sum["INFO"] / n["INFO"]) / (sum["OFF"] / n["OFF"]), sum["INFO"] / n["INFO"], sum["OFF"] / n["OFF"] }' "$out/results"
