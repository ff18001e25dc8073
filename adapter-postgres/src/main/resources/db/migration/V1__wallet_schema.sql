-- The batch consumer's materialised view of the durable log: wallets, every change they went
-- through, and how far the log has been persisted. Money is bigint cents throughout.
--
-- The rules the service keeps in Java are repeated here as constraints, so that no code path,
-- manual fix or future bug can store a negative balance, a reference twice or a change without
-- its wallet.

CREATE TABLE wallets (
    wallet_id     text        PRIMARY KEY CHECK (char_length(wallet_id) BETWEEN 1 AND 64),
    balance_cents bigint      NOT NULL CHECK (balance_cents >= 0),
    -- The sequence number of the last event applied; an event at or below it is a repeat.
    last_sequence bigint      NOT NULL CHECK (last_sequence >= 1),
    opened_at     timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- One row per event, the opening included (kind OPEN, its amount the opening balance), so that
-- "a wallet's balance is the sum of its transactions" can be checked with one query.
CREATE TABLE transactions (
    wallet_id           text        NOT NULL REFERENCES wallets (wallet_id),
    sequence            bigint      NOT NULL CHECK (sequence >= 1),
    event_id            uuid        NOT NULL UNIQUE,
    kind                text        NOT NULL CHECK (kind IN ('OPEN', 'ADD', 'REMOVE')),
    reference           text,
    amount_cents        bigint      NOT NULL CHECK (amount_cents >= 0),
    balance_after_cents bigint      NOT NULL CHECK (balance_after_cents >= 0),
    occurred_at         timestamptz NOT NULL,
    persisted_at        timestamptz NOT NULL,
    PRIMARY KEY (wallet_id, sequence),
    -- A client's reference applies to a wallet at most once, forever.
    UNIQUE (wallet_id, reference),
    -- Only the opening has no reference, and the opening is always a wallet's first event.
    CHECK ((kind = 'OPEN') = (reference IS NULL)),
    CHECK ((kind = 'OPEN') = (sequence = 1)),
    -- A change that moves no money is no change; only an opening balance may be zero.
    CHECK (kind = 'OPEN' OR amount_cents > 0)
);

-- The last persisted position of each log partition, stored in the same transaction as the
-- events up to it. message_id holds the log's full opaque position (for Pulsar the serialized
-- MessageId, batch index included), handed back unchanged.
CREATE TABLE consumer_positions (
    partition  text        PRIMARY KEY CHECK (char_length(partition) > 0),
    message_id bytea       NOT NULL CHECK (octet_length(message_id) > 0),
    updated_at timestamptz NOT NULL
);
