package com.acme.wallet.application.check;

import com.acme.wallet.application.port.out.ReadServedBalancesPort;
import com.acme.wallet.domain.WalletId;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;

/**
 * The REST API's balances: what it serves for each wallet, answer after answer (the last one
 * repeated), or a failure to answer at all.
 */
final class ScriptedServedBalances implements ReadServedBalancesPort {

    private static final long NOT_FOUND = Long.MIN_VALUE;

    private final Map<String, Queue<Long>> answers = new HashMap<>();
    private final Map<String, Integer> asked = new HashMap<>();
    private RuntimeException failure;

    /** The API answers these balances for the wallet, in turn, the last for every later question. */
    ScriptedServedBalances serves(String walletId, long... balancesCents) {
        Queue<Long> queue = new ArrayDeque<>();
        for (long cents : balancesCents) {
            queue.add(cents);
        }
        answers.put(walletId, queue);
        return this;
    }

    /** The API answers 404 for the wallet. */
    ScriptedServedBalances doesNotKnow(String walletId) {
        return serves(walletId, NOT_FOUND);
    }

    /** The API cannot be asked. */
    ScriptedServedBalances failsWith(RuntimeException failure) {
        this.failure = failure;
        return this;
    }

    int timesAsked(String walletId) {
        return asked.getOrDefault(walletId, 0);
    }

    @Override
    public OptionalLong balanceOf(WalletId id) {
        asked.merge(id.value(), 1, Integer::sum);
        if (failure != null) {
            throw failure;
        }
        Queue<Long> queue = answers.get(id.value());
        if (queue == null) {
            throw new AssertionError("the test gave no answer for " + id.value());
        }
        long answer = queue.size() > 1 ? queue.remove() : queue.element();
        return answer == NOT_FOUND ? OptionalLong.empty() : OptionalLong.of(answer);
    }
}
