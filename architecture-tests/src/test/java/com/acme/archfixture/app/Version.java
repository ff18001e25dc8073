package com.acme.archfixture.app;

import picocli.CommandLine.IVersionProvider;

/** A program's --version, as the rules allow. */
public class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"fixture 1.0.0"};
    }
}
