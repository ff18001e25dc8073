/**
 * The read side of the store: the history PostgreSQL holds of each wallet, read without taking part
 * in any write. Kept apart from the other outbound ports because the use-case services may read it
 * directly: a read of stored history orders no change, so it need not go through the single writer
 * (see the ArchUnit rule that keeps services off every other outbound port).
 */
package com.acme.wallet.application.port.out.history;
