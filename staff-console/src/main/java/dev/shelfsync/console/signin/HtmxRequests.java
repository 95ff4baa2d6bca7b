package dev.shelfsync.console.signin;

import io.quarkus.oidc.JavaScriptRequestChecker;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells the OIDC sign-in which requests htmx sent. Such a request cannot follow a redirect to the provider's login
 * page (it would swap the login form into a panel, or fail on CORS), so with an expired session it gets 499 instead,
 * and console.js reloads the whole page, which then takes the normal way through the provider.
 */
@ApplicationScoped
public class HtmxRequests implements JavaScriptRequestChecker {

    @Override
    public boolean isJavaScriptRequest(RoutingContext context) {
        return "true".equals(context.request().getHeader("HX-Request"));
    }
}
