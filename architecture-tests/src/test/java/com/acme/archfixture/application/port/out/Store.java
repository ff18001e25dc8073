package com.acme.archfixture.application.port.out;

/** Breaks: a port not named for its capability with the Port suffix. */
public interface Store {}
