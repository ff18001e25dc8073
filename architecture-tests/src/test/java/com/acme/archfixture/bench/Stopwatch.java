package com.acme.archfixture.bench;

/** A tool: the benchmarks may use the service, never the other way round. */
public class Stopwatch {}
