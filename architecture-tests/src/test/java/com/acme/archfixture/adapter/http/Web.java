package com.acme.archfixture.adapter.http;

import com.acme.archfixture.adapter.postgres.Saver;
import com.acme.archfixture.app.Main;

/** Breaks: an adapter depends on another adapter and on a program, and has a main method. */
public class Web {
    public Saver saver;
    public Main program;

    public static void main(String[] arguments) {}
}
