package com.acme.wallet.application.port.out;

import com.acme.wallet.domain.WalletId;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads the balances the store holds: every wallet page by page, with bounded memory, or one.
 *
 * <p>Implementations throw an unchecked exception when the store cannot be asked.
 */
public interface ReadStoredBalancesPort {

    /** The most rows one page of {@link #balancesAfter} returns. */
    int MAX_PAGE_SIZE = 10_000;

    /**
     * Reads one page of stored balances.
     *
     * @param afterWalletId the last wallet id of the previous page, or the empty string for the first
     * @param pageSize the most to return, 1 to {@value #MAX_PAGE_SIZE}
     * @return the balances of the wallets after {@code afterWalletId}, by wallet id
     */
    List<StoredBalance> balancesAfter(String afterWalletId, int pageSize);

    /**
     * Reads one wallet's stored balance.
     *
     * @param id the wallet
     * @return its balance in cents, or empty if it is not stored
     */
    OptionalLong walletBalance(WalletId id);
}
