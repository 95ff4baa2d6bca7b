package dev.shelfsync.platform.logging;

import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Puts the identifiers a request is about (its path parameters: channel, order, listing, SKU, return...) into the
 * log context, so every line logged while serving it, JSON in production, says which channel or order it concerns.
 * A parameter called {@code id} is named after its collection.
 */
public class RequestLogContext {

    @ServerRequestFilter
    public void identify(UriInfo uri) {
        for (Map.Entry<String, List<String>> parameter : uri.getPathParameters().entrySet()) {
            if (!parameter.getValue().isEmpty()) {
                MDC.put(key(uri, parameter.getKey()), parameter.getValue().get(0));
            }
        }
    }

    @ServerResponseFilter
    public void forget(UriInfo uri) {
        for (String name : uri.getPathParameters().keySet()) {
            MDC.remove(key(uri, name));
        }
    }

    /** {@code id} takes the name of the segment before it, in the singular: {@code /returns/{id}} gives returnId. */
    static String key(UriInfo uri, String parameter) {
        if (!parameter.equals("id")) {
            return parameter;
        }
        String value = uri.getPathParameters().getFirst(parameter);
        String[] segments = uri.getPath().split("/");
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].equals(value) && !segments[i - 1].isEmpty()) {
                return singular(segments[i - 1]) + "Id";
            }
        }
        return "id";
    }

    private static String singular(String collection) {
        return collection.endsWith("s") ? collection.substring(0, collection.length() - 1) : collection;
    }
}
