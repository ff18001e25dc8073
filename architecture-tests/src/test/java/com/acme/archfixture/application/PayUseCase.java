package com.acme.archfixture.application;

/** Breaks: a use case that is a class, not an interface. */
public class PayUseCase {}
