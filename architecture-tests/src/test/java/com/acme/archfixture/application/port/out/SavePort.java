package com.acme.archfixture.application.port.out;

/** A well-named port, implemented below by a badly named adapter. */
public interface SavePort {
    void save();
}
