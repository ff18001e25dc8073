-- bench/recovery-data.sql: the generated history of `./wallet bench --recovery` (dev-stack,
-- RecoveryBenchCommand, which runs its statements one by one over JDBC).
--
-- Run on a database the service has migrated, after the batch consumer persisted one real event
-- (the seed wallet's opening, whose position consumer_positions holds), in a session with these
-- settings (RecoveryBenchCommand sets them with set_config; by hand, SET recovery_data.wallets = ...):
--   recovery_data.wallets   wallets to generate (the seed wallet is one more)
--   recovery_data.changes   rows of `transactions` to generate, openings included (at least `wallets`)
--   recovery_data.prefix    the generated wallet ids' prefix; ids are <prefix><i>, i = 1..wallets, zero-padded
--   recovery_data.seed_at   the seed event's occurred_at: every generated event happened in the day before it
--
-- Wallet i opens with (i % 1000) * 100 cents and then alternates an ADD of add_i cents and a
-- REMOVE of remove_i = add_i * 3 / 5 cents (50 to 5,999 cents, never above the ADD before it),
-- so no balance is ever negative and the balance after n changes has a closed form:
--   opening + ceil(n / 2) * add_i - floor(n / 2) * remove_i.
-- References are bet-<i>-<n>, unique per wallet; event ids random. The changes that are not
-- openings are spread evenly: wallet i has floor(c / w) or one more. Every row is an applied
-- funds change (migration V2's outcome APPLIED, delta_cents its signed amount); none is a bet, a
-- win, a rollback or a refusal, so the columns of those stay empty.
--
-- Speed: the transactions table's unique and foreign-key constraints are dropped before the
-- insert and added back afterwards with the definitions PostgreSQL reported for them (captured
-- below), so the schema ends exactly as the migration made it; building an index once is much
-- faster than maintaining three of them row by row. V2's two partial indexes stay: no generated
-- row matches their predicates, so the insert only evaluates them.

SET synchronous_commit = off;
SET maintenance_work_mem = '512MB';
-- One core for the index builds: the machine is shared.
SET max_parallel_maintenance_workers = 0;
SET max_parallel_workers_per_gather = 0;

BEGIN;

CREATE TEMPORARY TABLE parameters ON COMMIT DROP AS
SELECT current_setting('recovery_data.wallets')::bigint AS wallets,
       current_setting('recovery_data.changes')::bigint AS changes,
       current_setting('recovery_data.prefix') AS prefix,
       current_setting('recovery_data.seed_at')::timestamptz AS seed_at;

DO $$
BEGIN
    IF NOT (SELECT wallets >= 1 AND changes >= wallets FROM parameters) THEN
        RAISE EXCEPTION 'recovery-data.sql: needs wallets >= 1 and changes >= wallets';
    END IF;
END
$$;

CREATE TEMPORARY TABLE generation ON COMMIT DROP AS
SELECT wallets,
       changes - wallets AS moves,
       prefix,
       greatest(7, length(wallets::text)) AS id_digits,
       seed_at - interval '1 day' AS start_at
FROM parameters;

CREATE TEMPORARY TABLE saved_constraints ON COMMIT DROP AS
SELECT conname AS name, pg_get_constraintdef(oid) AS definition, contype AS type
FROM pg_constraint
WHERE conrelid = 'transactions'::regclass AND contype IN ('p', 'u', 'f');

DO $$
BEGIN
    IF (SELECT count(*) FROM saved_constraints) <> 4 THEN
        RAISE EXCEPTION 'recovery-data.sql: transactions has not the 4 key constraints of V1 and V2 (primary, 2 unique, foreign); update this script';
    END IF;
END
$$;

DO $$
DECLARE
    saved record;
BEGIN
    -- The foreign key first: it does not depend on the others.
    FOR saved IN SELECT name FROM saved_constraints ORDER BY type = 'f' DESC LOOP
        EXECUTE format('ALTER TABLE transactions DROP CONSTRAINT %I', saved.name);
    END LOOP;
END
$$;

-- One row per generated wallet with its parameters; moves_i is its number of ADD/REMOVE changes.
CREATE TEMPORARY TABLE generated_wallets ON COMMIT DROP AS
SELECT i,
       g.prefix || lpad(i::text, g.id_digits, '0') AS wallet_id,
       (i % 1000) * 100 AS opening_cents,
       100 + (i * 7919) % 9900 AS add_cents,
       (100 + (i * 7919) % 9900) * 3 / 5 AS remove_cents,
       g.moves / g.wallets + CASE WHEN i <= g.moves % g.wallets THEN 1 ELSE 0 END AS moves_i
FROM generation g, generate_series(1, g.wallets) AS i;

INSERT INTO wallets (wallet_id, balance_cents, last_sequence, opened_at, updated_at)
SELECT w.wallet_id,
       w.opening_cents + ((w.moves_i + 1) / 2) * w.add_cents - (w.moves_i / 2) * w.remove_cents,
       w.moves_i + 1,
       g.start_at + interval '1 day' * w.i::float8 / ((g.moves / g.wallets + 2) * g.wallets),
       g.start_at + interval '1 day' * (w.moves_i * g.wallets + w.i)::float8
           / ((g.moves / g.wallets + 2) * g.wallets) + interval '50 milliseconds'
FROM generation g, generated_wallets w
ORDER BY w.i;

-- The event at sequence s of wallet i happened at start_at plus its rank in a day's worth of
-- evenly spaced events: sequence-major, so every wallet's events are in time order. Rows are
-- written in that time order too, as the batch consumer would have written them: a wallet's
-- history is spread over the table, not stored together.
INSERT INTO transactions (wallet_id, sequence, event_id, kind, outcome, reference, amount_cents, delta_cents,
                          balance_after_cents, occurred_at, persisted_at)
SELECT wallet_id, sequence, gen_random_uuid(), kind, 'APPLIED', reference, amount_cents,
       CASE kind WHEN 'REMOVE' THEN -amount_cents ELSE amount_cents END, balance_after_cents,
       occurred_at, occurred_at + interval '50 milliseconds'
FROM (
    SELECT w.i, w.wallet_id, s AS sequence,
           CASE WHEN s = 1 THEN 'OPEN' WHEN s % 2 = 0 THEN 'ADD' ELSE 'REMOVE' END AS kind,
           CASE WHEN s = 1 THEN NULL ELSE 'bet-' || w.i || '-' || (s - 1) END AS reference,
           CASE WHEN s = 1 THEN w.opening_cents WHEN s % 2 = 0 THEN w.add_cents ELSE w.remove_cents END
               AS amount_cents,
           w.opening_cents + (s / 2) * w.add_cents - ((s - 1) / 2) * w.remove_cents AS balance_after_cents,
           g.start_at + interval '1 day' * ((s - 1) * g.wallets + w.i)::float8
               / ((g.moves / g.wallets + 2) * g.wallets) AS occurred_at
    FROM generation g
    CROSS JOIN generate_series(1, g.moves / g.wallets + 2) AS s
    -- LATERAL, so that the sequence is the outer loop and rows come out in time order.
    CROSS JOIN LATERAL (SELECT * FROM generated_wallets WHERE moves_i + 1 >= s) AS w
) AS generated_changes;

DO $$
DECLARE
    saved record;
BEGIN
    -- The foreign key last: it needs the wallets' primary key, and is checked against it.
    FOR saved IN SELECT name, definition FROM saved_constraints ORDER BY type = 'f' LOOP
        EXECUTE format('ALTER TABLE transactions ADD CONSTRAINT %I %s', saved.name, saved.definition);
    END LOOP;
END
$$;

COMMIT;

-- As autovacuum would leave a table that old: statistics for the planner, hint bits set and the
-- visibility map filled, so that the REST API's first read does not pay for the bulk insert.
VACUUM (FREEZE, ANALYZE) wallets;
VACUUM (FREEZE, ANALYZE) transactions;
