package com.acme.archfixture.app;

/** A program, as the rules allow. */
public class Main {
    public static void main(String[] arguments) {}
}
