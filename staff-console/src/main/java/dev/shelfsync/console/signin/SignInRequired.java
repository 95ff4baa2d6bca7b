package dev.shelfsync.console.signin;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Sends anyone not signed in to the sign-in page; an htmx request is told to go there (HX-Redirect). */
public class SignInRequired {

    private final CurrentStaff staff;

    public SignInRequired(CurrentStaff staff) {
        this.staff = staff;
    }

    @ServerRequestFilter
    public Optional<Response> signedIn(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/sign-in")
                || path.startsWith("/q/")
                || staff.member().isPresent()) {
            return Optional.empty();
        }
        if (request.getHeaderString("HX-Request") != null) {
            return Optional.of(Response.ok().header("HX-Redirect", "/sign-in").build());
        }
        return Optional.of(Response.seeOther(URI.create("/sign-in")).build());
    }
}
