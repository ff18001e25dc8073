-- Every outcome of a wallet's references in `transactions`: besides openings and funds changes, the
-- bets and wins of rounds, rollbacks, tombstones and recorded refusals, each as one row that holds
-- whatever rebuilds its event exactly, and the signed amount it moved the balance by.
--
-- A row's meaning
--   kind        what was asked: OPEN, ADD, REMOVE, BET, WIN or ROLLBACK. A refusal keeps the kind
--               of the request it refused. An APPLIED OPEN, ADD or REMOVE row means what a V1 row
--               meant. (The writer records no refusal of a funds change today; should the log hold
--               one, it is a REJECTED ADD or REMOVE row that moves nothing.)
--   outcome     APPLIED   the event took effect: an opening, a funds change, a bet, a win, or a
--                         rollback. A rollback of a refused bet or win is APPLIED too: it did what
--                         a rollback does (the original can never apply, a second rollback of it is
--                         refused), there was only no money to move (rollback_effect
--                         NOTHING_TO_ROLL_BACK, original_outcome REJECTED, delta 0).
--               REJECTED  the request was refused and the refusal is the reference's final outcome
--                         (refusal_code, and the balance the refusal showed); nothing moved.
--               TOMBSTONE a rollback of an original the wallet never saw (NOTHING_TO_ROLL_BACK,
--                         original_outcome UNKNOWN): nothing moved, and it settles the original,
--                         which is refused if it comes. Kept apart from APPLIED because it answers
--                         for an original that has no row of its own, and never will.
--   amount_cents  what was asked: a refusal keeps the amount of the request it refused (0 for a
--               refused rollback, which names no amount); a rollback holds what it moved (0 when
--               nothing). V1's meaning for OPEN, ADD and REMOVE rows is unchanged.
--   delta_cents how the row moved the balance: +amount for OPEN, ADD, WIN and a bet's refund,
--               -amount for REMOVE, BET and a win's reclaim, 0 for every refusal and tombstone. So
--               a wallet's balance is the sum of its rows' delta_cents, and each balance_after_cents
--               the running sum, whatever the kinds.
--
-- The columns of bets, wins and rollbacks are present exactly on the rows they describe:
--   round_id            a bet's or a win's round (refused or not); a refund's or a reclaim's round
--   closes_round, metadata  a bet or a win (refused or not); metadata is a flat JSON object of strings
--   original_reference  a rollback (refused or not)
--   rollback_effect     a rollback that was not refused: REFUND_BET, RECLAIM_WIN, NOTHING_TO_ROLL_BACK
--   original_outcome    NOTHING_TO_ROLL_BACK only: UNKNOWN (then the row is a TOMBSTONE) or REJECTED
--   refusal_code, shown_balance_cents  a REJECTED row only
--
-- Cost on a table of N existing rows (all OPEN, ADD or REMOVE before this migration):
--   1. ADD COLUMN of ten columns: catalogue only. outcome's constant default is a "fast default"
--      (PostgreSQL 11+): old rows read it from the catalogue, nothing is written.
--   2. delta_cents cannot come from a constant: each old row needs its own value, so it costs one
--      pass that writes every row. An UPDATE would write a second version of every row and of its
--      entries in the 3 indexes (one of them on random UUIDs), leave table and indexes about twice
--      their size until vacuum, and still need a scan for SET NOT NULL and the new CHECKs. Instead
--      one ALTER TABLE recomputes the column with ALTER COLUMN ... TYPE bigint USING (...), which
--      PostgreSQL carries out by writing the table once into a new file, checking NOT NULL and
--      every new CHECK on the way, and rebuilding the 3 indexes by sorting: no dead rows, no bloat.
--      It holds an ACCESS EXCLUSIVE lock (no reads, no writes) until the migration commits, and
--      needs free disk for a second copy of the table and its indexes, plus their WAL, meanwhile.
--      Every row grows by delta_cents and the now written outcome, about 24 bytes.
--   3. Two partial indexes, one sequential scan of the table each; no old row is in them.
-- Measured on PostgreSQL 15 with bench/recovery-data.sql's data, on a 2-core machine that others
-- were using at the same time (load average 5 to 13): step 1 took 10 ms.
--   10,000,000 rows (table 1,180 MB, 2,256 MB with indexes): step 2 took 37 s, step 3 3 s; the
--   table became 1,415 MB, 2,491 MB with indexes.
--   1,000,000 rows: step 2 took 11 s; done with an UPDATE instead it took 38 s plus 1 s of
--   checking, and left the table at 467 MB with indexes instead of 245 MB.
-- The whole migration is one transaction (Flyway's default on PostgreSQL): it either applies or
-- leaves V1 as it was. Run it with the REST API and the batch consumer stopped, as any migration
-- of this service; the first of them to start applies it, and waits for it.

ALTER TABLE transactions
    ADD COLUMN outcome             text   NOT NULL DEFAULT 'APPLIED',
    ADD COLUMN delta_cents         bigint,
    ADD COLUMN round_id            text,
    ADD COLUMN closes_round        boolean,
    ADD COLUMN metadata            jsonb,
    ADD COLUMN original_reference  text,
    ADD COLUMN rollback_effect     text,
    ADD COLUMN original_outcome    text,
    ADD COLUMN refusal_code        text,
    ADD COLUMN shown_balance_cents bigint;

ALTER TABLE transactions
    -- One rewrite backfills the old rows (step 2 above); only OPEN, ADD and REMOVE rows exist yet.
    ALTER COLUMN delta_cents TYPE bigint USING (CASE kind WHEN 'REMOVE' THEN -amount_cents ELSE amount_cents END),
    ALTER COLUMN delta_cents SET NOT NULL,
    -- The default only served the old rows: the consumer states every row's outcome, and an insert
    -- that forgets it fails instead of passing for an applied change.
    ALTER COLUMN outcome DROP DEFAULT,
    DROP CONSTRAINT transactions_kind_check,
    -- V1's "a change that moves no money is no change; only an opening balance may be zero".
    DROP CONSTRAINT transactions_check2,
    ADD CONSTRAINT transactions_kind_check
        CHECK (kind IN ('OPEN', 'ADD', 'REMOVE', 'BET', 'WIN', 'ROLLBACK')),
    ADD CONSTRAINT transactions_outcome_check
        CHECK (outcome IN ('APPLIED', 'REJECTED', 'TOMBSTONE')),
    -- What is asked moves money, except an opening (may be zero) and a win (zero records a lost
    -- round); a rollback holds what it moved, which is nothing unless it refunded or reclaimed.
    -- A NULL makes a CHECK pass, so each rule here is written to be true or false, never NULL.
    ADD CONSTRAINT transactions_amount_check
        CHECK (CASE WHEN kind IN ('OPEN', 'WIN') THEN true
                    WHEN kind = 'ROLLBACK' THEN amount_cents = 0
                         OR rollback_effect IS NOT NULL AND rollback_effect IN ('REFUND_BET', 'RECLAIM_WIN')
                    ELSE amount_cents > 0 END),
    ADD CONSTRAINT transactions_opening_applied_check
        CHECK (kind <> 'OPEN' OR outcome = 'APPLIED'),
    ADD CONSTRAINT transactions_delta_check
        CHECK (delta_cents = CASE
            WHEN outcome <> 'APPLIED' THEN 0
            WHEN kind IN ('OPEN', 'ADD', 'WIN') THEN amount_cents
            WHEN kind IN ('REMOVE', 'BET') THEN -amount_cents
            WHEN rollback_effect = 'REFUND_BET' THEN amount_cents
            WHEN rollback_effect = 'RECLAIM_WIN' THEN -amount_cents
            ELSE 0 END),
    ADD CONSTRAINT transactions_round_id_check
        CHECK ((round_id IS NOT NULL) = (kind IN ('BET', 'WIN')
            OR rollback_effect IS NOT NULL AND rollback_effect IN ('REFUND_BET', 'RECLAIM_WIN'))),
    ADD CONSTRAINT transactions_leg_columns_check
        CHECK (CASE WHEN kind IN ('BET', 'WIN') THEN closes_round IS NOT NULL AND metadata IS NOT NULL
                    ELSE closes_round IS NULL AND metadata IS NULL END),
    ADD CONSTRAINT transactions_metadata_check
        CHECK (metadata IS NULL OR jsonb_typeof(metadata) = 'object'
            AND NOT jsonb_path_exists(metadata, '$.* ? (@.type() != "string")')),
    ADD CONSTRAINT transactions_original_reference_check
        CHECK (CASE WHEN kind = 'ROLLBACK' THEN original_reference IS NOT NULL AND original_reference <> reference
                    ELSE original_reference IS NULL END),
    ADD CONSTRAINT transactions_rollback_effect_check
        CHECK (CASE WHEN kind = 'ROLLBACK' AND outcome <> 'REJECTED'
                    THEN rollback_effect IS NOT NULL
                         AND rollback_effect IN ('REFUND_BET', 'RECLAIM_WIN', 'NOTHING_TO_ROLL_BACK')
                    ELSE rollback_effect IS NULL END),
    ADD CONSTRAINT transactions_original_outcome_check
        CHECK (CASE WHEN rollback_effect = 'NOTHING_TO_ROLL_BACK'
                    THEN original_outcome IS NOT NULL AND original_outcome IN ('UNKNOWN', 'REJECTED')
                    ELSE original_outcome IS NULL END),
    ADD CONSTRAINT transactions_tombstone_check
        CHECK ((outcome = 'TOMBSTONE') = (original_outcome IS NOT NULL AND original_outcome = 'UNKNOWN')),
    ADD CONSTRAINT transactions_refusal_check
        CHECK (CASE WHEN outcome = 'REJECTED'
                    THEN refusal_code IS NOT NULL AND shown_balance_cents IS NOT NULL AND shown_balance_cents >= 0
                         AND refusal_code IN ('INSUFFICIENT_FUNDS', 'BALANCE_LIMIT_EXCEEDED', 'ROUND_NOT_FOUND',
                                              'ROUND_CLOSED', 'ALREADY_ROLLED_BACK', 'BET_ALREADY_SETTLED',
                                              'NOT_ROLLBACKABLE')
                    ELSE refusal_code IS NULL AND shown_balance_cents IS NULL END);

-- An original is rolled back at most once per wallet: a second rollback of it is refused (and
-- stored REJECTED, which this leaves out). A tombstone counts, since it settles its original. The
-- recall of "the rollback that names this reference" reads exactly these rows, by this index.
CREATE UNIQUE INDEX transactions_one_rollback_per_original
    ON transactions (wallet_id, original_reference)
    WHERE kind = 'ROLLBACK' AND outcome <> 'REJECTED';

-- The legs of a round that count in its summary, in sequence order: applied bets and wins, refunds
-- and reclaims. Refused legs and every OPEN, ADD and REMOVE row are left out.
CREATE INDEX transactions_round_legs
    ON transactions (wallet_id, round_id, sequence)
    WHERE round_id IS NOT NULL AND outcome = 'APPLIED';
