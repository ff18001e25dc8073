package com.acme.archfixture.example;

import com.acme.archfixture.application.Service;

/** Breaks: an example that uses the application, not the domain alone. */
public class Embedder {
    public Service service;
}
