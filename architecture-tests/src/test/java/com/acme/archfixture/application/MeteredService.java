package com.acme.archfixture.application;

import io.micrometer.core.instrument.MeterRegistry;

/** Breaks: the application counts into a meter registry instead of reporting through a port. */
public class MeteredService {
    public MeterRegistry meters;
}
