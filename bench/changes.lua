-- wrk script for ./wallet bench: POST add-funds (70 %) and remove-funds (30 %) of 1 to 100 cents
-- to a random wallet among BENCH_WALLETS wallets named BENCH_PREFIX0 .. BENCH_PREFIX<n-1>, each
-- request with a reference of its own (BENCH_RUN-<thread>-<counter>), so nothing is a replay.
-- Each request sends the token in BENCH_TOKEN (Authorization: Bearer; ./wallet bench passes the
-- development token, data/dev-token); none when it is unset, for servers that check none.
-- done() prints one machine-readable BENCH line for ./wallet bench (dev-stack's LoadResult reads it).
local wallets = tonumber(os.getenv("BENCH_WALLETS") or "10000")
local prefix = os.getenv("BENCH_PREFIX") or "u"
local run = os.getenv("BENCH_RUN") or "run"
local token = os.getenv("BENCH_TOKEN") or ""
local headers = { ["Content-Type"] = "application/json" }
if token ~= "" then
    headers["Authorization"] = "Bearer " .. token
end
local counter = 0
local next_id = 0

function setup(thread)
    thread:set("id", next_id)
    next_id = next_id + 1
end

function init(args)
    math.randomseed(1000003 * (id + 1))
end

function request()
    counter = counter + 1
    local wallet = prefix .. math.random(0, wallets - 1)
    local path = (math.random() < 0.7) and "/add-funds/" or "/remove-funds/"
    local body = string.format('{"amount":%d,"reference":"%s-%d-%d"}', math.random(1, 100), run, id, counter)
    return wrk.format("POST", path .. wallet, headers, body)
end

function done(summary, latency, requests)
    io.write(string.format(
        "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d non2xx=%d socket_errors=%d\n",
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
        summary.errors.status,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
