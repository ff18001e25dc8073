package com.acme.wallet.adapter.http;

import io.javalin.security.RouteRole;

/**
 * The role of the routes anyone may call without a token: the health checks, which a load balancer
 * or an orchestrator calls, and the OpenAPI document, the published contract. A route with neither
 * this nor a {@link Scope} is refused to everyone: forgetting a route's role closes it.
 */
enum Public implements RouteRole {
    /** Needs no token. */
    ANYONE
}
