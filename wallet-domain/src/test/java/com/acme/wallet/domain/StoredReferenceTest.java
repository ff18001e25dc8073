package com.acme.wallet.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A store's answer about a reference holds only for the changes it held when asked. */
class StoredReferenceTest {

    @Test
    void an_answer_covers_a_wallet_that_forgot_no_more_than_the_store_held() {
        StoredReference absent = StoredReference.absent(5);

        assertThat(absent.covers(4)).isTrue();
        assertThat(absent.covers(5)).isTrue();
        assertThat(absent.covers(6)).as("the wallet forgot a change the store did not hold yet").isFalse();
    }

    @Test
    void an_answer_covers_no_negative_sequence() {
        assertThatThrownBy(() -> StoredReference.absent(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
