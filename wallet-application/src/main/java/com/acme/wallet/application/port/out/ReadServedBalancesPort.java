package com.acme.wallet.application.port.out;

import com.acme.wallet.domain.WalletId;
import java.util.OptionalLong;

/**
 * Reads the balances the REST API serves to its clients, to compare them with what is stored.
 *
 * <p>Implementations throw an unchecked exception when the API cannot be asked (refused, timed
 * out, or answered something unexpected); the caller then concludes nothing.
 */
public interface ReadServedBalancesPort {

    /**
     * Reads one wallet's balance as the REST API serves it.
     *
     * @param id the wallet
     * @return its balance in cents, or empty if the API does not know the wallet
     */
    OptionalLong balanceOf(WalletId id);
}
