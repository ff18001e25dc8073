package com.acme.archfixture.adapter.postgres;

import com.acme.archfixture.application.port.out.SavePort;

/** Breaks: an adapter not named technology + role. */
public class Saver implements SavePort {
    @Override
    public void save() {}
}
