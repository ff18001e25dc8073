package com.acme.archfixture.client;

import com.acme.archfixture.domain.Money;

/** Breaks: a client of the API that uses the service's domain, which its users do not have. */
public class Caller {
    public Money amount;
}
