package dev.shelfsync.console.api;

import dev.shelfsync.console.signin.CurrentStaff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/** Every call to a service carries the signed-in person's own token: the service decides what they may do. */
@ApplicationScoped
public class BearerForwarding implements ClientHeadersFactory {

    @Inject
    CurrentStaff staff;

    @Override
    public MultivaluedMap<String, String> update(
            MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        staff.bearerToken().ifPresent(token -> headers.putSingle("Authorization", "Bearer " + token));
        return headers;
    }
}
