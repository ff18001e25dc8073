package com.acme.archfixture.application;

import com.acme.archfixture.example.Embedder;

/** Breaks: the service uses an example. */
public class UsesExample {
    public Embedder embedder;
}
