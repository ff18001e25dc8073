-- wrk script for ./wallet bench, run f: rounds of a game on a random wallet among BENCH_WALLETS
-- wallets named BENCH_PREFIX0 .. BENCH_PREFIX<n-1>. A round is two requests: a bet of 1 to 100
-- cents into a round of its own (answered 200), then, once the bet is answered, its settlement:
--   88 % a win of 0 to 200 cents that closes the round (201),
--   10 % a rollback of the bet, which gives the stake back (200),
--    2 % a rollback of a reference never sent, a tombstone (200); the bet's round stays open.
-- Every reference is BENCH_RUN-<thread>-<counter> and every round is named after its bet's reference,
-- so nothing is a replay. A bet cannot run a wallet dry: ./wallet bench opens each with 1,000,000.00.
--
-- wrk calls request() per thread, for whichever of the thread's connections is free, not per
-- connection. A settlement sent the moment its bet went out could therefore leave on another
-- connection and reach the writer first: a win into a round with no bet (404) or a rollback that
-- leaves a tombstone the bet then runs into (409). So response() queues a round's settlement only
-- when its bet has been answered 200, and request() sends queued settlements before new bets. A
-- thread never holds more queued settlements or unanswered bets than it has connections, plus one
-- unanswered bet per request that failed (and the one wrk builds to check the script, never sent).
-- Each request sends the token in BENCH_TOKEN, as changes.lua does.
-- done() prints one machine-readable BENCH line, as changes.lua does (dev-stack's LoadResult reads it).
local wallets = tonumber(os.getenv("BENCH_WALLETS") or "10000")
local prefix = os.getenv("BENCH_PREFIX") or "u"
local run = os.getenv("BENCH_RUN") or "run"
local token = os.getenv("BENCH_TOKEN") or ""
local json_headers = { ["Content-Type"] = "application/json" }
if token ~= "" then
    json_headers["Authorization"] = "Bearer " .. token
end
local counter = 0
local next_id = 0
-- The wallet of each bet sent and not answered yet, by the bet's reference.
local unanswered = {}
-- Answered bets waiting for their settlement, first in first out: queue[first] .. queue[last].
local queue = {}
local first = 1
local last = 0

function setup(thread)
    thread:set("id", next_id)
    next_id = next_id + 1
end

function init(args)
    math.randomseed(1000003 * (id + 1))
end

local function reference()
    counter = counter + 1
    return string.format("%s-%d-%d", run, id, counter)
end

local function bet()
    local wallet = prefix .. math.random(0, wallets - 1)
    local bet_reference = reference()
    unanswered[bet_reference] = wallet
    local body = string.format('{"amount":%d,"reference":"%s","roundId":"%s","closesRound":false}',
        math.random(1, 100), bet_reference, bet_reference)
    return wrk.format("POST", "/bet/" .. wallet, json_headers, body)
end

local function rollback(wallet, original_reference)
    local body = string.format('{"reference":"%s","originalReference":"%s"}', reference(), original_reference)
    return wrk.format("POST", "/rollback/" .. wallet, json_headers, body)
end

local function settle(round)
    local choice = math.random()
    if choice < 0.02 then
        return rollback(round.wallet, reference())
    elseif choice < 0.12 then
        return rollback(round.wallet, round.bet)
    end
    local body = string.format('{"amount":%d,"reference":"%s","roundId":"%s","closesRound":true}',
        math.random(0, 200), reference(), round.bet)
    return wrk.format("POST", "/win/" .. round.wallet, json_headers, body)
end

function request()
    if first > last then
        return bet()
    end
    local round = queue[first]
    queue[first] = nil
    first = first + 1
    return settle(round)
end

function response(status, headers, body)
    if status ~= 200 or not string.find(body, '"msg":"Bet placed"', 1, true) then
        return
    end
    local bet_reference = string.match(body, '"reference":"([^"]*)"')
    local wallet = bet_reference and unanswered[bet_reference]
    if wallet then
        unanswered[bet_reference] = nil
        last = last + 1
        queue[last] = { wallet = wallet, bet = bet_reference }
    end
end

function done(summary, latency, requests)
    io.write(string.format(
        "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d non2xx=%d socket_errors=%d\n",
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
        summary.errors.status,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
