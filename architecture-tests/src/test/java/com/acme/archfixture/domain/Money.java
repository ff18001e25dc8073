package com.acme.archfixture.domain;

import com.acme.archfixture.application.Service;

/** Breaks: the domain depends on the application. */
public class Money {
    public Service service;
}
