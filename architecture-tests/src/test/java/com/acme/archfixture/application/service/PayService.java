package com.acme.archfixture.application.service;

import com.acme.archfixture.application.port.out.SavePort;

/** Breaks: a use-case service that writes through an outbound port, around the single writer. */
public class PayService {
    public SavePort store;
}
