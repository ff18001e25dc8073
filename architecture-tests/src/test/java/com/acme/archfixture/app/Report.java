package com.acme.archfixture.app;

import java.util.ArrayList;
import java.util.List;

/** Breaks: logic (a report that collects and formats findings) in a program, beside its wiring. */
public class Report {
    private final List<String> lines = new ArrayList<>();

    public void violation(String detail) {
        lines.add("VIOLATION " + detail);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }
}
