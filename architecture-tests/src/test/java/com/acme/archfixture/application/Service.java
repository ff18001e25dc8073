package com.acme.archfixture.application;

import com.acme.archfixture.adapter.http.Web;

/** Breaks: the application depends on an adapter. */
public class Service {
    public Web web;
}
