package dev.shelfsync.platform.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.vertx.VertxInputStream;

/**
 * Refuses a body over {@code quarkus.http.limits.max-body-size} with a 413 problem document instead of the bare
 * status Vert.x and Quarkus REST answer. A declared length too large is refused before anything reads the body. A
 * chunked body declares none, so it can only be refused once it has grown past the limit, while the operation reads
 * it: Quarkus REST would then end the response itself, empty, before any exception mapper could run, so its own check
 * is switched off for such a request and {@link BoundedEntityReader} counts instead, failing the read with
 * {@link BodyTooLargeProblem}, which is answered like the declared case.
 */
@ApplicationScoped
public class OversizedBodyRefusal {

    // after Quarkus' own upload-limit route (order -2), which hands the limit to Quarkus REST, and before Quarkus REST
    private static final int AFTER_QUARKUS_UPLOAD_LIMIT = -1;

    private final long limit;
    private final String problem;

    public OversizedBodyRefusal(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit) {
        this.limit = limit.asLongValue();
        this.problem = new JsonObject(problem(this.limit)).encode();
    }

    /** The bytes a request body may have. */
    public long limit() {
        return limit;
    }

    /** The members of the 413 problem document, the same whether the length was declared or counted. */
    static Map<String, Object> problem(long limit) {
        return Problem.body(
                413,
                "payload-too-large",
                "Content Too Large",
                "The request body is larger than the " + limit + " bytes this service accepts; nothing was stored.");
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkDeclaredLength);
        router.route().order(AFTER_QUARKUS_UPLOAD_LIMIT).handler(this::countChunkedBody);
    }

    private void checkDeclaredLength(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && tooLarge(declared)) {
            context.response()
                    .setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    // the body is not read; the connection cannot carry another request after it
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(problem);
        } else {
            context.next();
        }
    }

    private void countChunkedBody(RoutingContext context) {
        if (context.remove(VertxInputStream.MAX_REQUEST_SIZE_KEY) != null) {
            // The refused body is left unread: the connection is closed once the 413 is out, or it would be read on.
            context.addEndHandler(ended -> {
                if (context.response().getStatusCode() == 413) {
                    context.request().connection().close();
                }
            });
        }
        context.next();
    }

    private boolean tooLarge(String declared) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
