package com.acme.archfixture.application;

import com.acme.archfixture.bench.Stopwatch;

/** Breaks: the application depends on a benchmark tool. */
public class TimedService {
    public Stopwatch stopwatch;
}
