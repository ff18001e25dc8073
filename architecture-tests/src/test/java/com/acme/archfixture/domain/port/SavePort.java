package com.acme.archfixture.domain.port;

/** A well-named port, implemented below by a badly named adapter. */
public interface SavePort {
    void save();
}
