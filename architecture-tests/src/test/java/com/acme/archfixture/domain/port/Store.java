package com.acme.archfixture.domain.port;

/** Breaks: a port not named for its capability with the Port suffix. */
public interface Store {}
